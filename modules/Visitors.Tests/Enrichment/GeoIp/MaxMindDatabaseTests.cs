using System.Net;
using Lookout.Visitors.Enrichment;

namespace Lookout.Visitors.Tests.Enrichment.GeoIp;

public sealed class MaxMindDatabaseTests(TestGeoIpDatabases databases) : IClassFixture<TestGeoIpDatabases>
{
    [Fact]
    public void Every_data_type_of_the_format_is_decoded()
    {
        var database = MaxMindDatabase.Open(databases.Types);

        var record = Assert.IsType<Dictionary<string, object?>>(database.Data.Decode(database.Find(IPAddress.Parse("1.2.3.4"))));

        Assert.Equal("plain", record["a_string"]);
        Assert.Equal(new string('x', 100), record["a_long_string"]);
        Assert.Equal(new string('y', 1000), record["a_longer_string"]);
        Assert.Equal(new string('z', 70000), record["a_huge_string"]);
        Assert.Equal(3.14159, record["a_double"]);
        Assert.Equal(1.5f, record["a_float"]);
        Assert.Equal(new byte[] { 0x00, 0x01, 0xFE, 0xFF }, record["some_bytes"]);
        Assert.Equal((ushort)65535, record["a_uint16"]);
        Assert.Equal(4294967295u, record["a_uint32"]);
        Assert.Equal(ulong.MaxValue, record["a_uint64"]);
        Assert.Equal(UInt128.MaxValue, record["a_uint128"]);
        Assert.Equal(int.MaxValue, record["an_int32"]);
        Assert.Equal(-42, record["a_negative_int32"]);
        Assert.Equal(true, record["a_true"]);
        Assert.Equal(false, record["a_false"]);
        Assert.Equal(new object?[] { 1u, 2u, 3u }, record["an_array"]);
        var nested = Assert.IsType<Dictionary<string, object?>>(Assert.IsType<Dictionary<string, object?>>(record["a_map"])["nested"]);
        Assert.Equal(new object?[] { "ünïcödé", "日本語" }, nested["deeper"]);
    }

    [Fact]
    public void The_metadata_describes_the_file()
    {
        var database = MaxMindDatabase.Open(databases.City);

        Assert.Equal("GeoLite2-City", database.Metadata.DatabaseType);
        Assert.Equal(6, database.Metadata.IpVersion);
        Assert.Equal(28, database.Metadata.RecordSize);
        Assert.Equal(["en", "de"], database.Metadata.Languages);
        Assert.InRange(database.Metadata.BuildDate, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [Fact]
    public void A_map_value_is_found_by_its_key_through_shared_records()
    {
        // The writer stores a country's map once and points to it from every network of that country.
        var database = MaxMindDatabase.Open(databases.Country(32));
        var data = database.Data;
        var ukRecord = database.Find(IPAddress.Parse(TestGeoIpDatabases.UnitedKingdomIp));

        var germanName = data.ReadString(data.FindInMap(data.FindInMap(data.FindInMap(ukRecord, "country"u8), "names"u8), "de"u8));

        Assert.Equal("Vereinigtes Königreich", germanName);
        Assert.Equal(-1, data.FindInMap(ukRecord, "city"u8));
        Assert.Null(data.ReadString(data.FindInMap(-1, "anything"u8)));
    }

    [Fact]
    public void Data_that_points_outside_its_section_is_reported_as_corrupt()
    {
        byte[] pointerPastTheEnd = [0b0010_1111, 0xFF];

        Assert.Throws<InvalidDataException>(() => new MaxMindDecoder(pointerPastTheEnd).Decode(0));
    }

    [Fact]
    public void A_map_that_claims_more_entries_than_its_section_holds_is_reported_as_corrupt()
    {
        byte[] hugeMap = [0b1111_1111, 0xFF, 0xFF, 0xFF];

        Assert.Throws<InvalidDataException>(() => new MaxMindDecoder(hugeMap).Decode(0));
    }

    [Fact]
    public void A_pointer_loop_is_reported_as_corrupt_rather_than_overflowing_the_stack()
    {
        // An array of one item: a pointer back to the array.
        byte[] loop = [0b0000_0001, 0x04, 0b0010_0000, 0x00];

        Assert.Throws<InvalidDataException>(() => new MaxMindDecoder(loop).Decode(0));
    }
}
