using System.Net;
using Lookout.Visitors.Enrichment;

namespace Lookout.Visitors.Tests.Enrichment.GeoIp;

public sealed class MaxMindGeoIpProviderTests(TestGeoIpDatabases databases) : IClassFixture<TestGeoIpDatabases>
{
    private static readonly byte[] MetadataMarker = [0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8];

    [Theory]
    [InlineData(24)]
    [InlineData(28)]
    [InlineData(32)]
    public void Countries_are_found_for_ipv4_ipv6_and_ipv4_mapped_addresses_whatever_the_record_size(int recordSize)
    {
        using var geo = new MaxMindGeoIpProvider(new GeoIpOptions { CountryDatabase = databases.Country(recordSize) });

        Assert.Equal(new GeoInfo("GB", "United Kingdom", null, null), geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.UnitedKingdomIp)));
        Assert.Equal(new GeoInfo("SE", "Sweden", null, null), geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.SwedenIp)));
        Assert.Equal(new GeoInfo("US", "United States", null, null), geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.UnitedStatesIpv6)));
        Assert.Equal(new GeoInfo("GB", "United Kingdom", null, null), geo.Lookup(IPAddress.Parse("::ffff:" + TestGeoIpDatabases.UnitedKingdomIp)));
    }

    [Fact]
    public void Non_ascii_names_come_back_intact()
    {
        using var geo = new MaxMindGeoIpProvider(new GeoIpOptions { CityDatabase = databases.City, AsnDatabase = databases.Asn });

        Assert.Equal(new GeoInfo("CI", "Côte d'Ivoire", null, "Orange Côte d'Ivoire"), geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.IvoryCoastIp)));
        Assert.Equal(new GeoInfo("CI", "Côte d'Ivoire", null, null), geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.IvoryCoastIpv6)));
        Assert.Equal("Linköping", geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.SwedenIp))?.City);
    }

    [Fact]
    public void A_city_database_gives_the_city_and_an_asn_database_the_organisation()
    {
        using var geo = new MaxMindGeoIpProvider(new GeoIpOptions { CityDatabase = databases.City, AsnDatabase = databases.Asn });

        Assert.Equal(new GeoInfo("GB", "United Kingdom", "London", "Andrews & Arnold Ltd"), geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.UnitedKingdomIp)));
        Assert.Equal(new GeoInfo("US", "United States", null, "GOOGLE"), geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.UnitedStatesIpv6)));
        Assert.Equal(new GeoInfo("SE", "Sweden", "Linköping", null), geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.SwedenIp)));
    }

    [Fact]
    public void An_asn_database_alone_gives_the_organisation_only()
    {
        using var geo = new MaxMindGeoIpProvider(new GeoIpOptions { AsnDatabase = databases.Asn });

        Assert.Equal(new GeoInfo(null, null, null, "Andrews & Arnold Ltd"), geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.UnitedKingdomIp)));
        Assert.Null(geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.SwedenIp)));
    }

    [Fact]
    public void A_network_known_only_by_its_registration_gives_the_registered_country()
    {
        using var geo = new MaxMindGeoIpProvider(new GeoIpOptions { CountryDatabase = databases.Country() });

        Assert.Equal(new GeoInfo("PH", "Philippines", null, null), geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.RegisteredOnlyIp)));
    }

    [Theory]
    [InlineData(TestGeoIpDatabases.UnknownIp)]
    [InlineData("10.1.2.3")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("2001:db8::1")]
    [InlineData("81.2.70.1")]
    public void An_address_the_databases_do_not_know_has_no_location(string address)
    {
        using var geo = new MaxMindGeoIpProvider(new GeoIpOptions { CityDatabase = databases.City, AsnDatabase = databases.Asn });

        Assert.Null(geo.Lookup(IPAddress.Parse(address)));
    }

    [Fact]
    public void An_ipv4_only_database_answers_ipv4_and_mapped_addresses_and_nothing_for_ipv6()
    {
        using var geo = new MaxMindGeoIpProvider(new GeoIpOptions { CountryDatabase = databases.CountryIpv4Only });

        Assert.Equal("GB", geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.UnitedKingdomIp))?.CountryCode);
        Assert.Equal("GB", geo.Lookup(IPAddress.Parse("::ffff:" + TestGeoIpDatabases.UnitedKingdomIp))?.CountryCode);
        Assert.Null(geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.UnitedStatesIpv6)));
    }

    [Fact]
    public void Repeated_lookups_of_a_network_return_equal_answers()
    {
        using var geo = new MaxMindGeoIpProvider(new GeoIpOptions { CityDatabase = databases.City, AsnDatabase = databases.Asn });

        var first = geo.Lookup(IPAddress.Parse("81.2.69.1"));
        var second = geo.Lookup(IPAddress.Parse("81.2.69.254"));

        Assert.Equal(first, second);
        Assert.Same(first?.CountryName, second?.CountryName);
    }

    [Fact]
    public void No_database_configured_means_no_geo_data_rather_than_an_error()
    {
        Assert.False(new GeoIpOptions().HasDatabase);
        Assert.Null(NullGeoIpProvider.Instance.Lookup(IPAddress.Parse(TestGeoIpDatabases.UnitedKingdomIp)));
    }

    [Theory]
    [InlineData("empty.mmdb", 0)]
    [InlineData("noise.mmdb", 4096)]
    public void A_file_that_is_not_a_maxmind_database_fails_at_load_with_its_name(string name, int length)
    {
        var noise = new byte[length];
        new Random(7).NextBytes(noise);
        var path = databases.Write(name, noise);

        var error = Assert.Throws<InvalidDataException>(() => new MaxMindGeoIpProvider(new GeoIpOptions { CountryDatabase = path }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("GeoIp:CountryDatabase", error.Message, StringComparison.Ordinal);
        Assert.Contains(name == "empty.mmdb" ? "empty" : "metadata marker", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_truncated_file_fails_at_load()
    {
        var whole = File.ReadAllBytes(databases.Country());
        var path = databases.Write("truncated.mmdb", whole[..(whole.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => new MaxMindGeoIpProvider(new GeoIpOptions { CountryDatabase = path }));

        Assert.Contains("truncated.mmdb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_whose_search_tree_cannot_fit_gives_no_location_instead_of_an_exception()
    {
        // Metadata of a real file after a few bytes of its tree: MaxMind's reader only finds out on lookups.
        var whole = File.ReadAllBytes(databases.Country());
        var marker = whole.AsSpan().LastIndexOf(MetadataMarker);
        using var geo = new MaxMindGeoIpProvider(new GeoIpOptions { CountryDatabase = databases.Write("no-tree.mmdb", [.. whole[..60], .. whole[marker..]]) });

        Assert.Null(geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.UnitedKingdomIp)));
        Assert.Null(geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.UnitedStatesIpv6)));
    }

    [Theory]
    [InlineData(nameof(GeoIpOptions.CityDatabase), "a GeoLite2-ASN database, not a City or Country one")]
    [InlineData(nameof(GeoIpOptions.AsnDatabase), "a GeoLite2-City database, not an ASN or ISP one")]
    public void A_database_of_the_wrong_kind_for_its_setting_fails_at_load_with_its_name(string setting, string expected)
    {
        var options = setting == nameof(GeoIpOptions.CityDatabase)
            ? new GeoIpOptions { CityDatabase = databases.Asn }
            : new GeoIpOptions { AsnDatabase = databases.City };

        var error = Assert.Throws<InvalidDataException>(() => new MaxMindGeoIpProvider(options));

        Assert.Contains($"(GeoIp:{setting}) is {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_fails_at_load()
    {
        Assert.Throws<FileNotFoundException>(() =>
            new MaxMindGeoIpProvider(new GeoIpOptions { CountryDatabase = Path.Combine(databases.Directory, "absent.mmdb") }));
    }

    [Fact]
    public void A_corrupt_record_gives_no_location_instead_of_an_exception()
    {
        // A sound tree and metadata around a data section of garbage.
        var bytes = File.ReadAllBytes(databases.Country());
        var marker = bytes.AsSpan().LastIndexOf(MetadataMarker);
        var dataStart = (int)(NodeCount(bytes.AsSpan(marker)) * 24 / 4) + 16;
        bytes.AsSpan(dataStart, marker - dataStart).Fill(0xFF);
        using var geo = new MaxMindGeoIpProvider(new GeoIpOptions { CountryDatabase = databases.Write("corrupt-data.mmdb", bytes) });

        Assert.Null(geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.UnitedKingdomIp)));
        Assert.Null(geo.Lookup(IPAddress.Parse(TestGeoIpDatabases.UnitedStatesIpv6)));
    }

    // The metadata's "node_count": its key, then a control byte (type in the top three bits, size in the low five)
    // and the unsigned number, big-endian. MaxMind's reader keeps the count to itself.
    private static long NodeCount(ReadOnlySpan<byte> metadata)
    {
        var key = "node_count"u8;
        var at = metadata.IndexOf(key) + key.Length;
        Assert.True(at >= key.Length && metadata[at] >> 5 is 5 or 6, "the metadata's node_count is an unsigned 16 or 32-bit number");
        var count = 0L;
        foreach (var b in metadata.Slice(at + 1, metadata[at] & 0x1F))
        {
            count = count << 8 | b;
        }
        return count;
    }
}
