using System.Diagnostics;

namespace Lookout.Visitors.Tests.Enrichment.GeoIp;

/// <summary>
/// Small MaxMind DB files written for the tests by MaxMind's own writer (Debian's libmaxmind-db-writer-perl), laid
/// out like GeoLite2's country, city and ASN databases, with IPv4 and IPv6 networks, in each record size (real files
/// are tens of megabytes and under licence, so none ships with the tests).
/// </summary>
public sealed class TestGeoIpDatabases : IDisposable
{
    public const string UnitedKingdomIp = "81.2.69.160";
    public const string SwedenIp = "89.160.20.115";
    public const string IvoryCoastIp = "41.66.3.4";
    public const string UnitedStatesIpv6 = "2001:4860:4860::8888";
    public const string IvoryCoastIpv6 = "2c0f:f000:1::1";
    public const string RegisteredOnlyIp = "202.196.230.1";
    public const string UnknownIp = "8.8.8.8";

    private const string Script = """
        use strict;
        use warnings;
        use utf8;
        use MaxMind::DB::Writer::Tree;

        my $dir = shift @ARGV;
        my %types = (
            country => 'map', registered_country => 'map', city => 'map', names => 'map',
            iso_code => 'utf8_string', en => 'utf8_string', de => 'utf8_string', geoname_id => 'uint32',
            autonomous_system_number => 'uint32', autonomous_system_organization => 'utf8_string',
        );

        sub tree {
            my ($ip_version, $record_size, $type) = @_;
            return MaxMind::DB::Writer::Tree->new(
                ip_version => $ip_version, record_size => $record_size, database_type => $type,
                languages => ['en', 'de'], description => { en => "Lookout test $type" },
                map_key_type_callback => sub { $types{ $_[0] } },
                alias_ipv6_to_ipv4 => ($ip_version == 6 ? 1 : 0), remove_reserved_networks => 0,
            );
        }

        sub country {
            my ($code, $en, $de) = @_;
            return { iso_code => $code, geoname_id => 1000 + length($en), names => { en => $en, de => $de } };
        }

        my %gb = (country => country('GB', 'United Kingdom', 'Vereinigtes Königreich'));
        my %se = (country => country('SE', 'Sweden', 'Schweden'));
        my %ci = (country => country('CI', "Côte d'Ivoire", 'Elfenbeinküste'));
        my %us = (country => country('US', 'United States', 'Vereinigte Staaten'));
        my %ph = (registered_country => country('PH', 'Philippines', 'Philippinen'));

        my @locations = (
            ['81.2.69.0/24', { %gb, city => { names => { en => 'London', de => 'London' } } }],
            ['89.160.20.112/28', { %se, city => { names => { en => 'Linköping', de => 'Linköping' } } }],
            ['41.66.0.0/16', { %ci }],
            ['2001:4860::/32', { %us }],
            ['2c0f:f000::/32', { %ci }],
            ['202.196.224.0/20', { %ph }],
        );

        sub write_db {
            my ($tree, $file, @rows) = @_;
            $tree->insert_network($_->[0], $_->[1]) for @rows;
            open my $fh, '>:raw', "$dir/$file" or die "$dir/$file: $!";
            $tree->write_tree($fh);
            close $fh;
        }

        sub without_city {
            my %record = %{ $_[0] };
            delete $record{city};
            return \%record;
        }

        for my $size (24, 28, 32) {
            write_db(tree(6, $size, 'GeoLite2-Country'), "country-$size.mmdb", map { [$_->[0], without_city($_->[1])] } @locations);
        }
        write_db(tree(4, 24, 'GeoLite2-Country'), 'country-ipv4.mmdb',
            map { [$_->[0], { country => $_->[1]{country} // $_->[1]{registered_country} }] } grep { $_->[0] !~ /:/ } @locations);
        write_db(tree(6, 28, 'GeoLite2-City'), 'city.mmdb', @locations);
        write_db(tree(6, 24, 'GeoLite2-ASN'), 'asn.mmdb',
            ['81.2.69.0/24', { autonomous_system_number => 20712, autonomous_system_organization => 'Andrews & Arnold Ltd' }],
            ['41.66.0.0/16', { autonomous_system_number => 29571, autonomous_system_organization => "Orange Côte d'Ivoire" }],
            ['2001:4860::/32', { autonomous_system_number => 15169, autonomous_system_organization => 'GOOGLE' }]);
        """;

    public TestGeoIpDatabases()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("lookout-mmdb-").FullName;
        var script = Path.Combine(Directory, "write.pl");
        File.WriteAllText(script, Script);
        using var perl = Process.Start(new ProcessStartInfo("perl", [script, Directory])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("perl did not start");
        var errors = perl.StandardError.ReadToEndAsync();
        perl.StandardOutput.ReadToEnd();
        perl.WaitForExit();
        if (perl.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Writing the test .mmdb files failed (the tests need Debian's libmaxmind-db-writer-perl): {errors.Result}");
        }
    }

    public string Directory { get; }

    public string Country(int recordSize = 24) => Path.Combine(Directory, $"country-{recordSize}.mmdb");

    public string CountryIpv4Only => Path.Combine(Directory, "country-ipv4.mmdb");

    public string City => Path.Combine(Directory, "city.mmdb");

    public string Asn => Path.Combine(Directory, "asn.mmdb");

    /// <summary>A file with <paramref name="bytes"/>, next to the real ones.</summary>
    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
