using Lookout.Kernel.Storage;

namespace Lookout.Kernel.Tests.Storage;

public sealed class IdsTests
{
    [Fact]
    public void Ids_made_one_after_another_are_strictly_increasing_also_within_a_millisecond()
    {
        var ids = Enumerable.Range(0, 20_000).Select(_ => Ids.New()).ToList();

        Assert.All(ids.Zip(ids.Skip(1)), pair => Assert.True(string.CompareOrdinal(pair.First, pair.Second) < 0, $"{pair.First} !< {pair.Second}"));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void An_id_is_a_version_7_uuid_of_now_in_32_hex_characters()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = Ids.New();

        Assert.Matches("^[0-9a-f]{32}$", id);
        var uuid = Guid.ParseExact(id, "N");
        Assert.Equal(7, uuid.Version);
        Assert.Equal(0b10, uuid.Variant >> 2);
        Assert.InRange(Convert.ToInt64(id[..12], 16), before, before + 5_000);
    }
}
