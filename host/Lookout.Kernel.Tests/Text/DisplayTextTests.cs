using Lookout.Kernel.Text;

namespace Lookout.Kernel.Tests.Text;

public sealed class DisplayTextTests
{
    public static TheoryData<string> Refused =>
    [
        "\u0000", "Acme\u0000", "a\u0007b", "a\u001bb", "a\u007fb", "a\u0085b",
        "\u202Aa", "\u202Ba", "\u202Ca", "\u202Da", "\u202Ea", "\u2066a", "\u2067a", "\u2068a", "\u2069a",
        "a\u2028b", "a\u2029b",
    ];

    [Theory]
    [MemberData(nameof(Refused))]
    public void Control_bidi_and_separator_characters_and_lone_surrogates_are_refused(string text)
    {
        Assert.NotNull(DisplayText.Problem(text));
        Assert.NotNull(DisplayText.Problem(text, multiline: true));
    }

    // Built here: xUnit passes theory data through a serializer that turns a lone surrogate into U+FFFD.
    [Fact]
    public void Lone_surrogates_are_refused_and_stripped()
    {
        var high = ((char)0xD800).ToString();
        var low = ((char)0xDC00).ToString();
        foreach (var text in new[] { high, $"a{low}b", high + high, low + high })
        {
            Assert.Equal("Not valid text (a lone UTF-16 surrogate).", DisplayText.Problem(text));
        }
        Assert.Equal("Rocket 🚀", DisplayText.Strip($"{high}Rocket 🚀{low}"));
    }

    [Theory]
    [InlineData("Ann\tSmith")]
    [InlineData("Ann\nSmith")]
    [InlineData("Ann\r")]
    public void A_name_is_one_line(string text) => Assert.NotNull(DisplayText.Problem(text));

    [Theory]
    [InlineData("Acme")]
    [InlineData("Zoë Åström")]
    [InlineData("שלום עולם")]
    [InlineData("東京 支店")]
    [InlineData("Rocket 🚀 team")]
    [InlineData("O'Brien & Sons <b>")]
    public void Names_in_any_script_emoji_included_are_allowed(string text) => Assert.Null(DisplayText.Problem(text));

    [Fact]
    public void Notes_may_hold_tabs_and_line_breaks_but_nothing_else_of_the_kind()
    {
        Assert.Null(DisplayText.Problem("Line one\r\nLine two\twith a tab", multiline: true));
        Assert.NotNull(DisplayText.Problem("Line one\u2028Line two", multiline: true));
        Assert.NotNull(DisplayText.Problem("bell\u0007", multiline: true));
    }

    [Fact]
    public void The_problem_names_the_character_and_where_it_is()
    {
        Assert.Equal("Must not contain control, bidi or line separator characters (U+202E at position 5).", DisplayText.Problem("Ann \u202Egnp.exe"));
    }

    [Theory]
    [InlineData("  Ann\u0000 \u202ESmith\u202C\u2028 ", "Ann Smith")]
    [InlineData("plain", "plain")]
    [InlineData("\u0001\u0002", "")]
    public void Stripping_keeps_everything_else_and_trims(string text, string expected) => Assert.Equal(expected, DisplayText.Strip(text));
}
