using Lookout.Visitors.Tracker.Tests.Support;
using Microsoft.Playwright;

namespace Lookout.Visitors.Tracker.Tests;

public sealed class PageViewTests(Chromium chromium, TrackerSite site) : IClassFixture<Chromium>, IClassFixture<TrackerSite>
{
    [Fact]
    public async Task The_first_page_view_carries_url_title_and_referrer_and_the_visitor_id_stays_across_pages_and_reloads()
    {
        var key = site.NewSite();
        await using var visit = await Visit.StartAsync(chromium);

        await visit.Page.GotoAsync(site.Url(key, "home"));
        var first = (await site.WaitForAsync(key, d => d.Count > 0))[0];
        Assert.Equal("text/plain;charset=UTF-8", first.ContentType);
        Assert.Equal("cors", first.FetchMode);
        Assert.False(first.HadCookies);
        Assert.Matches("^[A-Za-z0-9_-]{22,}$", first.Visitor);
        Assert.InRange(first.Body["sentAt"]!.GetValue<long>(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var home = Assert.Single(first.Events);
        Assert.Equal("pageview", home.Text("type"));
        Assert.Matches("^[A-Za-z0-9_-]{16,}$", home.Text("pageId"));
        Assert.Equal(site.Url(key, "home"), home.Text("url"));
        Assert.Equal("home page", home.Text("title"));
        Assert.Equal("", home.Text("referrer"));

        await visit.Page.ClickAsync("#about");
        var views = (await site.WaitForEventsAsync(key, e => e.OfType("pageview").Count == 2)).OfType("pageview");
        Assert.Equal(site.Url(key, "about"), views[1].Text("url"));
        Assert.Equal("about page", views[1].Text("title"));
        Assert.Equal(site.Url(key, "home"), views[1].Text("referrer"));
        Assert.NotEqual(views[0].Text("pageId"), views[1].Text("pageId"));

        await visit.Page.ReloadAsync();
        await site.WaitForEventsAsync(key, e => e.OfType("pageview").Count == 3);
        var visitor = Assert.Single(site.Deliveries(key).Select(d => d.Visitor).Distinct());
        Assert.Equal(visitor, await visit.StoredVisitorIdAsync());

        await using var someoneElse = await Visit.StartAsync(chromium);
        await someoneElse.Page.GotoAsync(site.Url(key, "home"));
        var theirs = await site.WaitForAsync(key, d => d.Any(x => x.Visitor != visitor));
        Assert.Matches("^[A-Za-z0-9_-]{22,}$", theirs.Last(d => d.Visitor != visitor).Visitor);
    }

    [Fact]
    public async Task Without_local_storage_the_visitor_id_is_kept_in_a_first_party_cookie_for_two_years()
    {
        var key = site.NewSite();
        const string blockStorage =
            "Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('blocked', 'SecurityError') } })";
        await using var visit = await Visit.StartAsync(chromium, blockStorage);

        await visit.Page.GotoAsync(site.Url(key, "home"));
        await site.WaitForAsync(key, d => d.Count > 0);
        await visit.Page.ClickAsync("#about");
        await site.WaitForEventsAsync(key, e => e.OfType("pageview").Count == 2);

        var visitor = Assert.Single(site.Deliveries(key).Select(d => d.Visitor).Distinct());
        var cookie = await visit.VisitorCookieAsync();
        Assert.NotNull(cookie);
        Assert.Equal(visitor, cookie.Value);
        Assert.Equal("/", cookie.Path);
        Assert.Equal("localhost", cookie.Domain);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        // Two years are asked for; Chromium caps cookies at 400 days. The id is written again on every page view.
        var expires = DateTimeOffset.FromUnixTimeSeconds((long)cookie.Expires);
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddDays(399), DateTimeOffset.UtcNow.AddDays(731));
    }
}
