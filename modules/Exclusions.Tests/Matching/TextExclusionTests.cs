using Lookout.Exclusions.Matching;
using static Lookout.Exclusions.Tests.Support.Rules;

namespace Lookout.Exclusions.Tests.Matching;

/// <summary>Referrers, search keywords and user agents.</summary>
public sealed class TextExclusionTests
{
    [Theory]
    [InlineData("https://www.spam.example/page?x=1", true)]
    [InlineData("http://spam.example/", false)]
    [InlineData("https://www.spam.example.org/", false)]
    public void A_referrer_wildcard_must_match_the_whole_referrer(string referrer, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Referrer, "http*://*.spam.example/*", PageView(referrer: referrer)));

    [Theory]
    [InlineData("http://www.BadSite.com/links.htm", true)]
    [InlineData("https://badsite.net/", true)]
    [InlineData("https://www.goodsite.com/?q=bad", false)]
    public void A_referrer_entry_without_wildcards_leaves_out_referrers_containing_it(string referrer, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Referrer, "badsite", PageView(referrer: referrer)));

    [Fact]
    public void A_page_view_without_a_referrer_is_not_left_out_by_referrer_exclusions() =>
        Assert.False(Excludes(ExclusionKind.Referrer, "*", PageView(url: "/")));

    [Theory]
    [InlineData("lookout jobs paris", true)]
    [InlineData("JOBS", true)]
    [InlineData("jobs, lookout", true)]
    [InlineData("jobsite login", false)]
    [InlineData("steve jobs2", false)]
    public void A_keyword_entry_matches_whole_words(string keywords, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.SearchKeywords, "jobs", PageView(keywords: keywords)));

    [Theory]
    [InlineData("FREE  Trial of lookout", true)]
    [InlineData("trial free", false)]
    public void A_keyword_entry_of_several_words_matches_them_together(string keywords, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.SearchKeywords, "free trial", PageView(keywords: keywords)));

    [Theory]
    [InlineData("cheap visitor tracking", true)]
    [InlineData("not cheap", false)]
    public void A_keyword_wildcard_must_match_all_the_keywords(string keywords, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.SearchKeywords, "cheap *", PageView(keywords: keywords)));

    [Theory]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36", true)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36", false)]
    public void A_user_agent_entry_without_wildcards_leaves_out_agents_containing_it(string userAgent, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.UserAgent, "headlesschrome", PageView(userAgent: userAgent)));

    [Theory]
    [InlineData("curl/8.5.0", true)]
    [InlineData("Wget/1.21", true)]
    [InlineData("Mozilla/5.0 curl/8", false)]
    public void A_user_agent_wildcard_must_match_the_whole_agent(string userAgent, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.UserAgent, "curl/*; wget/*", PageView(userAgent: userAgent)));
}
