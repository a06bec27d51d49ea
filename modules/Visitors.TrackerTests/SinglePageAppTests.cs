using Lookout.Visitors.Tracker.Tests.Support;

namespace Lookout.Visitors.Tracker.Tests;

public sealed class SinglePageAppTests(Chromium chromium, TrackerSite site) : IClassFixture<Chromium>, IClassFixture<TrackerSite>
{
    [Fact]
    public async Task PushState_replaceState_and_popstate_each_send_one_page_view_when_the_url_changes()
    {
        var key = site.NewSite();
        await using var visit = await Visit.StartAsync(chromium);
        await visit.OpenAsync(site.Url(key, "app"));
        await site.WaitForAsync(key, d => d.Count > 0);

        // Apps usually set the title right after pushState: the page view carries the new one.
        await visit.CallAsync("history.pushState({}, '', 'app/two'); document.title = 'Two'");
        await site.WaitForEventsAsync(key, e => e.OfType("pageview").Count == 2);
        await visit.CallAsync("history.replaceState({}, '', 'three')");
        await visit.CallAsync("history.replaceState({ same: 'url' }, ''); history.pushState({}, '', location.href)");
        await visit.CallAsync("history.go(-2)");

        var views = (await site.WaitForEventsAsync(key, e => e.OfType("pageview").Count >= 4)).OfType("pageview");
        string[] urls = [site.Url(key, "app"), site.Url(key, "app") + "/two", site.Url(key, "app") + "/three"];
        Assert.Equal([urls[0], urls[1], urls[2], urls[0]], views.Select(v => v.Text("url")));
        Assert.Equal(["", urls[0], urls[1], urls[2]], views.Select(v => v.Text("referrer")));
        Assert.Equal("Two", views[1].Text("title"));
        Assert.Equal(4, views.Select(v => v.Text("pageId")).Distinct().Count());

        await Task.Delay(1200);
        Assert.Equal(4, site.Events(key).OfType("pageview").Count);
    }

    [Fact]
    public async Task A_manual_pageview_sends_a_new_page_view_of_the_current_url()
    {
        var key = site.NewSite();
        await using var visit = await Visit.StartAsync(chromium);
        await visit.OpenAsync(site.Url(key, "home"));

        await visit.CallAsync("lookout('pageview')");

        var views = (await site.WaitForEventsAsync(key, e => e.OfType("pageview").Count == 2)).OfType("pageview");
        Assert.All(views, v => Assert.Equal(site.Url(key, "home"), v.Text("url")));
        Assert.NotEqual(views[0].Text("pageId"), views[1].Text("pageId"));
    }
}
