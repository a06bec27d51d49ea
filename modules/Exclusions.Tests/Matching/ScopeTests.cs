using Lookout.Exclusions.Matching;
using static Lookout.Exclusions.Tests.Support.Rules;

namespace Lookout.Exclusions.Tests.Matching;

/// <summary>Which exclusions apply to a page view: workspace-wide or the site's own, enabled, first created first.</summary>
public sealed class ScopeTests
{
    [Fact]
    public void A_workspace_wide_exclusion_applies_to_every_site()
    {
        var rules = Compile(Exclusion(ExclusionKind.Ip, "10.0.0.0/8"));

        Assert.NotNull(rules.Find(PageView(ip: "10.1.1.1", site: Site)));
        Assert.NotNull(rules.Find(PageView(ip: "10.1.1.1", site: OtherSite)));
        Assert.NotNull(rules.Find(PageView(ip: "10.1.1.1", site: "a-site-added-later")));
    }

    [Fact]
    public void A_site_exclusion_applies_to_its_site_only()
    {
        var rules = Compile(Exclusion(ExclusionKind.Page, "admin/*", siteId: Site));

        Assert.NotNull(rules.Find(PageView(url: "/admin/users", site: Site)));
        Assert.Null(rules.Find(PageView(url: "/admin/users", site: OtherSite)));
    }

    [Fact]
    public void A_site_with_exclusions_of_its_own_still_gets_the_workspace_wide_ones()
    {
        var rules = Compile(Exclusion(ExclusionKind.Page, "admin/*", siteId: Site), Exclusion(ExclusionKind.Country, "RU"));

        Assert.NotNull(rules.Find(PageView(url: "/", country: "RU", site: Site)));
        Assert.NotNull(rules.Find(PageView(url: "/admin/", country: "FR", site: Site)));
        Assert.Null(rules.Find(PageView(url: "/", country: "FR", site: Site)));
    }

    [Fact]
    public void A_disabled_exclusion_leaves_nothing_out()
    {
        var rules = Compile(Exclusion(ExclusionKind.Ip, "10.0.0.0/8", enabled: false), Exclusion(ExclusionKind.Page, "*", siteId: Site, enabled: false));

        Assert.Null(rules.Find(PageView(url: "/any", ip: "10.1.1.1")));
    }

    [Fact]
    public void When_several_exclusions_match_the_first_created_is_named()
    {
        var first = Exclusion(ExclusionKind.Page, "private/*", siteId: Site);
        var second = Exclusion(ExclusionKind.Ip, "10.0.0.0/8");
        var rules = Compile(first, second);

        var found = rules.Find(PageView(url: "/private/a", ip: "10.0.0.1"));

        Assert.Equal(first.Id, found?.Match.ExclusionId);
        Assert.Equal("Page", found?.Match.Kind);
        Assert.Equal("private/*", found?.Match.Pattern);
    }

    [Fact]
    public void A_page_view_that_no_exclusion_matches_is_kept()
    {
        var rules = Compile(
            Exclusion(ExclusionKind.Page, "support/*.*"), Exclusion(ExclusionKind.Ip, "192.168.*"), Exclusion(ExclusionKind.Referrer, "spam"),
            Exclusion(ExclusionKind.SearchKeywords, "jobs"), Exclusion(ExclusionKind.Country, "RU"), Exclusion(ExclusionKind.UserAgent, "bot"));

        Assert.Null(rules.Find(PageView(
            url: "https://shop.example.com/products/1", ip: "203.0.113.9", referrer: "https://www.google.com/", keywords: "lookout pricing",
            country: "FR", userAgent: "Mozilla/5.0 Firefox/130.0")));
    }
}
