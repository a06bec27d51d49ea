using System.Diagnostics;

namespace Lookout.GeoBench;

/// <summary>
/// A City and an ASN database shaped like GeoLite2's (every record with a city, continent, country, registered
/// country, subdivision, location and postal code, names in GeoLite2's eight languages), written by MaxMind's own
/// writer (Debian's libmaxmind-db-writer-perl) with a fixed seed, plus the networks it holds, one per line.
/// </summary>
internal sealed class BenchDatabases : IDisposable
{
    private const string Script = """
        use strict;
        use warnings;
        use MaxMind::DB::Writer::Tree;

        my ($dir, $ipv4_networks, $ipv6_networks, $places, $organizations) = @ARGV;
        srand(42);
        my @locales = qw(de en es fr ja pt-BR ru zh-CN);
        my %types = (
            city => 'map', continent => 'map', country => 'map', registered_country => 'map', location => 'map',
            postal => 'map', names => 'map', subdivisions => ['array', 'map'],
            geoname_id => 'uint32', iso_code => 'utf8_string', code => 'utf8_string', time_zone => 'utf8_string',
            accuracy_radius => 'uint16', latitude => 'double', longitude => 'double',
            autonomous_system_number => 'uint32', autonomous_system_organization => 'utf8_string',
            map { $_ => 'utf8_string' } @locales,
        );
        sub tree {
            return MaxMind::DB::Writer::Tree->new(
                ip_version => 6, record_size => $_[1], database_type => $_[0], languages => [@locales],
                description => { en => "Lookout bench $_[0]" }, map_key_type_callback => sub { $types{ $_[0] } },
                alias_ipv6_to_ipv4 => 1, remove_reserved_networks => 0,
            );
        }
        sub names { my $name = shift; return { map { $_ => "$name ($_)" } @locales } }
        sub place {
            my $i = shift;
            my $country = { geoname_id => 1000 + $i % 250, iso_code => sprintf('%c%c', 65 + $i % 26, 65 + int($i / 26) % 26),
                names => names('Country ' . ($i % 250)) };
            return {
                city => { geoname_id => 100000 + $i, names => names("City $i") },
                continent => { code => 'EU', geoname_id => 6255148, names => names('Europe') },
                country => $country, registered_country => $country,
                subdivisions => [{ geoname_id => 50000 + $i % 3000, iso_code => 'S' . ($i % 99), names => names('Region ' . ($i % 3000)) }],
                location => { accuracy_radius => 20, latitude => rand(180) - 90, longitude => rand(360) - 180, time_zone => 'Europe/London' },
                postal => { code => sprintf('%05d', $i) },
            };
        }
        my @places = map { place($_) } 0 .. $places - 1;
        my @organizations = map { { autonomous_system_number => 1000 + $_, autonomous_system_organization => "Network Holder $_ Ltd" } } 0 .. $organizations - 1;

        my (%seen, @networks);
        while (@networks < $ipv4_networks) {
            my $first = 1 + int(rand(222));
            next if $first == 10 || $first == 127;
            my $network = sprintf('%d.%d.%d.0/24', $first, int(rand(256)), int(rand(256)));
            push @networks, $network unless $seen{$network}++;
        }
        while (@networks < $ipv4_networks + $ipv6_networks) {
            my $network = sprintf('%x:%x:%x::/48', 0x2400 + int(rand(0x800)), int(rand(65536)), int(rand(65536)));
            push @networks, $network unless $seen{$network}++;
        }
        my ($city, $asn) = (tree('GeoLite2-City', 28), tree('GeoLite2-ASN', 24));
        for my $network (@networks) {
            $city->insert_network($network, $places[int(rand($places))]);
            $asn->insert_network($network, $organizations[int(rand($organizations))]);
        }
        for (['city.mmdb', $city], ['asn.mmdb', $asn]) {
            open my $fh, '>:raw', "$dir/$_->[0]" or die "$dir/$_->[0]: $!";
            $_->[1]->write_tree($fh);
            close $fh;
        }
        open my $list, '>', "$dir/networks.txt" or die $!;
        print $list "$_\n" for @networks;
        close $list;
        """;

    public BenchDatabases(int ipv4Networks, int ipv6Networks, int places, int organizations)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("lookout-geobench-").FullName;
        var script = Path.Combine(Directory, "write.pl");
        File.WriteAllText(script, Script);
        using var perl = Process.Start(new ProcessStartInfo("perl",
            [script, Directory, $"{ipv4Networks}", $"{ipv6Networks}", $"{places}", $"{organizations}"])
        {
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("perl did not start");
        var errors = perl.StandardError.ReadToEnd();
        perl.WaitForExit();
        if (perl.ExitCode != 0)
        {
            throw new InvalidOperationException($"Writing the bench's .mmdb files failed (it needs Debian's libmaxmind-db-writer-perl): {errors}");
        }
    }

    public string Directory { get; }

    public string City => Path.Combine(Directory, "city.mmdb");

    public string Asn => Path.Combine(Directory, "asn.mmdb");

    public IReadOnlyList<string> Networks => File.ReadAllLines(Path.Combine(Directory, "networks.txt"));

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
