using System.Text.Json;
using Lookout.Visitors.Grains;

namespace Lookout.Visitors.Tests.Grains;

/// <summary>The open page's state keeps short page ids as numbers (<see cref="PackedPageId"/>) and is reused page after page.</summary>
public sealed class PageViewStateTests
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";

    public static TheoryData<string> Ids() =>
    [
        "",
        "a",
        "AbC-_09zZ",
        "0000000000",           // every code 0: the length alone tells it from a shorter id
        "----------__________", // 20: the longest that packs, every bit of a half set
        "Kq3_x-9ZpL0aBcDeFgHi",
        "k2Jd8_Qm-Xr4Tz0w",     // as the tracker makes them
        "k2Jd8_Qm-Xr4Tz0wA",
        "page-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", // 64: kept as a string
        "page.id with spaces",  // not the tracker's alphabet: kept as a string
        "pagé-1",
    ];

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_page_id_reads_back_as_it_was_set_and_matches_only_itself(string id)
    {
        var page = new PageViewState { PageId = id };

        Assert.Equal(id, page.PageId);
        Assert.True(page.Is(id));
        Assert.False(page.Is(id + "x"));
        Assert.False(page.Is(id.Length > 0 ? id[..^1] : "x"));
    }

    [Fact]
    public void Every_id_of_up_to_20_tracker_characters_packs_and_round_trips()
    {
        var random = new Random(7);
        for (var length = 0; length <= PackedPageId.MaxLength; length++)
        {
            for (var sample = 0; sample < 200; sample++)
            {
                var id = string.Create(length, random, static (chars, r) =>
                {
                    for (var i = 0; i < chars.Length; i++)
                    {
                        chars[i] = Alphabet[r.Next(Alphabet.Length)];
                    }
                });
                Assert.True(PackedPageId.TryPack(id, out var packed), id);
                Assert.Equal(id, packed.Unpack());
            }
        }
        Assert.False(PackedPageId.TryPack(new string('a', PackedPageId.MaxLength + 1), out _));
        Assert.False(PackedPageId.TryPack("abc.def", out _));
    }

    [Fact]
    public void Ids_that_differ_in_one_character_anywhere_pack_differently()
    {
        const string id = "abcdefghijklmnopqrst";
        Assert.True(PackedPageId.TryPack(id, out var packed));
        for (var i = 0; i < id.Length; i++)
        {
            var other = string.Concat(id.AsSpan(0, i), "_", id.AsSpan(i + 1));
            Assert.True(PackedPageId.TryPack(other, out var otherPacked));
            Assert.NotEqual(packed, otherPacked);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_stored_state_keeps_the_page_id(string id)
    {
        // Grain state is stored as JSON with the web defaults (GrainRuntime.Json).
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var state = new VisitorState { CurrentPage = new PageViewState { PageId = id, Url = "https://shop.example.com/" } };

        var text = JsonSerializer.Serialize(state, json);
        var read = JsonSerializer.Deserialize<VisitorState>(text, json)!;

        Assert.Contains($"\"pageId\":{JsonSerializer.Serialize(id)}", text, StringComparison.Ordinal);
        Assert.Equal(id, read.CurrentPage!.PageId);
        Assert.True(read.CurrentPage.Is(id));
    }

    [Fact]
    public void Opening_the_next_page_in_the_same_state_forgets_everything_of_the_last_one()
    {
        var at = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        var page = new PageViewState();
        page.Open("page-long-id-that-does-not-pack-0001", "https://shop.example.com/a", "A", "https://www.google.com/", at);
        page.SeenUntil = at.AddSeconds(30);
        page.Logged = true;
        page.Excluded = true;
        var copy = page.Copy();

        page.Open("k2Jd8_Qm-Xr4Tz0w", "https://shop.example.com/b", null, null, at.AddSeconds(40));

        Assert.Equal("k2Jd8_Qm-Xr4Tz0w", page.PageId);
        Assert.False(page.Is("page-long-id-that-does-not-pack-0001"));
        Assert.Equal(("https://shop.example.com/b", (string?)null, (string?)null), (page.Url, page.Title, page.Referrer));
        Assert.Equal(0, page.DwellMs);
        Assert.False(page.Logged);
        Assert.False(page.Excluded);
        // A copy handed out before is not changed by the grain's next page.
        Assert.Equal("page-long-id-that-does-not-pack-0001", copy.PageId);
        Assert.Equal(30_000, copy.DwellMs);
    }
}
