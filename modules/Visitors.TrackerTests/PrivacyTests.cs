using Lookout.Visitors.Tracker.Tests.Support;

namespace Lookout.Visitors.Tracker.Tests;

public sealed class PrivacyTests(Chromium chromium, TrackerSite site) : IClassFixture<Chromium>, IClassFixture<TrackerSite>
{
    private const string DoNotTrack = "Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' })";
    private const string GlobalPrivacyControl = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })";

    [Theory]
    [InlineData(DoNotTrack)]
    [InlineData(GlobalPrivacyControl)]
    public async Task Do_not_track_and_global_privacy_control_mean_nothing_is_sent_or_stored(string privacySetting)
    {
        var key = site.NewSite();
        await using var visit = await Visit.StartAsync(chromium, privacySetting);

        await visit.OpenAsync(site.Url(key, "home"));
        await visit.CallAsync("lookout('identify', { email: 'ada@example.com' }); lookout('event', 'signup')");
        await visit.Page.ClickAsync("#about");
        await visit.Page.WaitForFunctionAsync("() => window.lookout && window.lookout.ready");
        await Task.Delay(1500);

        Assert.Empty(site.Deliveries(key));
        Assert.Null(await visit.StoredVisitorIdAsync());
        Assert.Null(await visit.VisitorCookieAsync());
    }

    [Fact]
    public async Task Do_not_track_is_ignored_when_the_site_says_so()
    {
        var key = site.NewSite(new SiteOptions("data-dnt=\"ignore\""));
        await using var visit = await Visit.StartAsync(chromium, DoNotTrack + ";" + GlobalPrivacyControl);

        await visit.OpenAsync(site.Url(key, "home"));

        var delivery = (await site.WaitForAsync(key, d => d.Count > 0))[0];
        Assert.Equal("pageview", delivery.Events[0].Text("type"));
        Assert.Equal(delivery.Visitor, await visit.StoredVisitorIdAsync());
    }

    [Fact]
    public async Task With_consent_required_nothing_is_stored_or_sent_until_consent_then_the_current_page_view_is_sent()
    {
        var key = site.NewSite(new SiteOptions("data-consent=\"required\""));
        await using var visit = await Visit.StartAsync(chromium);

        await visit.OpenAsync(site.Url(key, "home"));
        await visit.CallAsync("lookout('event', 'before-consent')");
        await Task.Delay(1500);
        Assert.Empty(site.Deliveries(key));
        Assert.Null(await visit.StoredVisitorIdAsync());
        Assert.Null(await visit.VisitorCookieAsync());

        await visit.CallAsync("lookout('consent', true)");

        var delivery = (await site.WaitForAsync(key, d => d.Count > 0))[0];
        Assert.Equal(["pageview", "event"], delivery.Events.Select(e => e.Text("type")));
        Assert.Equal(site.Url(key, "home"), delivery.Events[0].Text("url"));
        Assert.Equal(delivery.Visitor, await visit.StoredVisitorIdAsync());
    }

    [Fact]
    public async Task Withdrawing_consent_stops_sending_and_removes_the_stored_id()
    {
        var key = site.NewSite();
        await using var visit = await Visit.StartAsync(chromium);
        await visit.OpenAsync(site.Url(key, "home"));
        await site.WaitForAsync(key, d => d.Count > 0);
        Assert.NotNull(await visit.StoredVisitorIdAsync());

        await visit.CallAsync("lookout('consent', false); lookout('event', 'after-withdrawal'); history.pushState({}, '', 'elsewhere')");
        await visit.Page.GotoAsync(site.PageOrigin + "/blank");
        await Task.Delay(1500);

        Assert.Equal(["pageview"], site.Events(key).Select(e => e.Text("type")));
        Assert.Null(await visit.StoredVisitorIdAsync());
    }
}
