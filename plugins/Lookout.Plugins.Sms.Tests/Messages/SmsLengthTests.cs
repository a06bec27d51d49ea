namespace Lookout.Plugins.Sms.Tests.Messages;

public sealed class SmsLengthTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Gsm7_takes_160_characters_in_one_segment_and_153_per_segment_when_split(int length, int segments)
    {
        Assert.Equal(new SmsLength(SmsEncoding.Gsm7, length, segments), SmsLength.Of(new string('a', length)));
    }

    [Fact]
    public void Characters_of_the_gsm7_extension_table_count_twice()
    {
        Assert.Equal(new SmsLength(SmsEncoding.Gsm7, 160, 1), SmsLength.Of(new string('€', 80)));
        Assert.Equal(new SmsLength(SmsEncoding.Gsm7, 160, 1), SmsLength.Of(new string('a', 158) + "{"));
        Assert.Equal(new SmsLength(SmsEncoding.Gsm7, 161, 2), SmsLength.Of(new string('a', 159) + "{"));
        Assert.Equal(SmsEncoding.Gsm7, SmsLength.Of("Price: 10€ ^ [x] {y} ~ | \\ é à Ç ñ ß").Encoding);
    }

    [Fact]
    public void An_escaped_character_never_straddles_two_segments()
    {
        // 152 plain characters, then '€' (2 septets): it does not fit in the first 153, so it starts the second segment.
        var text = new string('a', 152) + "€" + new string('b', 10);

        Assert.Equal(new SmsLength(SmsEncoding.Gsm7, 164, 2), SmsLength.Of(text));
        Assert.Equal(3, SmsLength.Of(new string('a', 152) + "€" + new string('b', 152)).Segments);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Anything_outside_gsm7_is_ucs2_with_70_characters_in_one_segment_and_67_per_segment_when_split(int length, int segments)
    {
        var text = "ć" + new string('a', length - 1);

        Assert.Equal(new SmsLength(SmsEncoding.Ucs2, length, segments), SmsLength.Of(text));
    }

    [Fact]
    public void An_emoji_is_two_ucs2_units_and_never_split()
    {
        Assert.Equal(new SmsLength(SmsEncoding.Ucs2, 70, 1), SmsLength.Of(string.Concat(Enumerable.Repeat("🚀", 35))));
        // 66 units then a pair: the pair does not fit in the first 67, so it starts the second segment (134 units in 3, not 2).
        Assert.Equal(new SmsLength(SmsEncoding.Ucs2, 134, 3), SmsLength.Of(new string('ć', 66) + "🚀" + new string('x', 66)));
    }

    [Fact]
    public void A_text_within_the_cap_is_left_whole()
    {
        var text = new string('a', 459);

        Assert.Same(text, SmsLength.Truncate(text, 3));
    }

    [Fact]
    public void A_gsm7_text_over_the_cap_is_cut_at_the_cap_with_three_dots_so_its_encoding_stays()
    {
        var cut = SmsLength.Truncate(new string('a', 500), 3);

        Assert.Equal(new string('a', 456) + "...", cut);
        Assert.Equal(new SmsLength(SmsEncoding.Gsm7, 459, 3), SmsLength.Of(cut));
        Assert.Equal(new string('a', 157) + "...", SmsLength.Truncate(new string('a', 161), 1));
    }

    [Fact]
    public void A_ucs2_text_over_the_cap_is_cut_with_an_ellipsis_and_never_splits_an_emoji()
    {
        var cut = SmsLength.Truncate(string.Concat(Enumerable.Repeat("🚀", 100)), 1);

        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.Equal(1, SmsLength.Of(cut).Segments);
        Assert.Equal(string.Concat(Enumerable.Repeat("🚀", 34)) + "…", cut);
    }
}
