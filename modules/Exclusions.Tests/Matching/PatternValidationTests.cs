using Lookout.Exclusions.Matching;

namespace Lookout.Exclusions.Tests.Matching;

public sealed class PatternValidationTests
{
    [Theory]
    [InlineData("Ip", "10.0.0.0/33", "'10.0.0.0/33' is not a CIDR block")]
    [InlineData("Ip", "10.0.0/8", "'10.0.0/8' is not a CIDR block")]
    [InlineData("Ip", "300.1.1.1/8", "'300.1.1.1/8' is not a CIDR block")]
    [InlineData("Ip", "10.0.0.0/x", "'10.0.0.0/x' is not a CIDR block")]
    [InlineData("Ip", "2001:db8::/129", "'2001:db8::/129' is not a CIDR block")]
    [InlineData("Ip", "10.1", "'10.1' is not an IP address")]
    [InlineData("Ip", "localhost", "'localhost' is not an IP address")]
    [InlineData("Ip", "192.168.x.*", "'192.168.x.*' is not an address with wildcards")]
    [InlineData("Country", "Atlantis", "'Atlantis' is not a country")]
    [InlineData("Country", "FR; XX", "'XX' is not a country")]
    [InlineData("Page", "a.htm;;b.htm", "Entry 2 is empty")]
    [InlineData("Referrer", "spam;", "Entry 2 is empty")]
    [InlineData("UserAgent", "", "Required.")]
    [InlineData("SearchKeywords", "   ", "Required.")]
    public void A_bad_pattern_is_refused_with_a_message_naming_the_entry(string kind, string pattern, string message)
    {
        Assert.False(ExclusionPattern.TryParse(Enum.Parse<ExclusionKind>(kind), pattern, out var parsed, out var errors));

        Assert.Null(parsed);
        Assert.Contains(errors, e => e.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Each_bad_entry_gets_its_own_message()
    {
        Assert.False(ExclusionPattern.TryParse(ExclusionKind.Ip, "10.0.0.1; nope; 10.0.0.0/40", out _, out var errors));

        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void A_pattern_longer_than_4000_characters_is_refused()
    {
        var pattern = string.Join(';', Enumerable.Repeat("/page-with-a-long-name.htm", 160));

        Assert.False(ExclusionPattern.TryParse(ExclusionKind.Page, pattern, out _, out var errors));
        Assert.Equal(["At most 4000 characters."], errors);
    }

    [Fact]
    public void An_entry_longer_than_500_characters_is_refused()
    {
        Assert.False(ExclusionPattern.TryParse(ExclusionKind.UserAgent, "bot;" + new string('a', 501), out _, out var errors));

        Assert.Equal(["Entry 2 is longer than 500 characters."], errors);
    }

    [Theory]
    [InlineData("Page", "support/*.*; hidden*.htm; *source=adwords; https://staging.example.com/*")]
    [InlineData("Ip", "203.0.113.7; 192.168.*; 10.0.0.0/8; 2001:db8::1; 2001:db8::/32; ::ffff:10.0.0.0/104")]
    [InlineData("Referrer", "*.spam.example/*; badsite")]
    [InlineData("SearchKeywords", "jobs; free trial; cheap *")]
    [InlineData("Country", "FR; Germany; côte d'ivoire; uk")]
    [InlineData("UserAgent", "HeadlessChrome; curl/*")]
    public void Every_documented_form_is_accepted(string kind, string pattern)
    {
        Assert.True(ExclusionPattern.TryParse(Enum.Parse<ExclusionKind>(kind), pattern, out var parsed, out var errors));

        Assert.NotNull(parsed);
        Assert.Empty(errors);
    }
}
