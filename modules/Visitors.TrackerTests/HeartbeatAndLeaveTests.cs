using Lookout.Visitors.Tracker.Tests.Support;

namespace Lookout.Visitors.Tracker.Tests;

public sealed class HeartbeatAndLeaveTests(Chromium chromium, TrackerSite site) : IClassFixture<Chromium>, IClassFixture<TrackerSite>
{
    // Tests cannot hide a headless page, so they make the document say it is hidden and tell the tracker.
    private const string SetVisibility =
        "state => { Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state }); " +
        "const at = Date.now(); document.dispatchEvent(new Event('visibilitychange')); return at }";

    [Fact]
    public async Task Heartbeats_are_sent_while_the_page_is_visible_and_pause_while_it_is_hidden()
    {
        var key = site.NewSite(new SiteOptions("data-heartbeat=\"200\""));
        await using var visit = await Visit.StartAsync(chromium);
        await visit.OpenAsync(site.Url(key, "home"));

        var events = await site.WaitForEventsAsync(key, e => e.OfType("heartbeat").Count >= 3);
        var pageId = Assert.Single(events.OfType("pageview")).Text("pageId");
        Assert.All(events.OfType("heartbeat"), h => Assert.Equal(pageId, h.Text("pageId")));

        var hiddenAt = await visit.Page.EvaluateAsync<long>($"() => {{ lookout('event', 'hiding'); return ({SetVisibility})('hidden') }}");
        // What was queued leaves at once, by beacon, when the page is hidden.
        var hiding = (await site.WaitForAsync(key, d => d.Any(x => x.Events.OfType("event").Count > 0))).Single(d => d.Events.OfType("event").Count > 0);
        Assert.Equal("no-cors", hiding.FetchMode);
        await Task.Delay(1000);
        var shownAt = await visit.Page.EvaluateAsync<long>(SetVisibility, "visible");

        events = await site.WaitForEventsAsync(key, e => e.OfType("heartbeat").Any(h => h.Ts() > shownAt));
        Assert.DoesNotContain(events.OfType("heartbeat"), h => h.Ts() > hiddenAt && h.Ts() < shownAt);
    }

    [Fact]
    public async Task Leaving_the_page_sends_leave_by_beacon_with_what_was_still_queued()
    {
        var key = site.NewSite();
        await using var visit = await Visit.StartAsync(chromium);
        await visit.OpenAsync(site.Url(key, "home"));
        var pageId = (await site.WaitForAsync(key, d => d.Count > 0))[0].Events[0].Text("pageId");

        // Stop the tracker's one-second batch timer so the event is surely still queued when the page goes away.
        await visit.CallAsync("""
            const setTimeout = window.setTimeout;
            window.setTimeout = (f, ms, ...args) => ms === 1000 ? 0 : setTimeout(f, ms, ...args);
            lookout('event', 'outbound', { to: 'about' });
            """);
        await visit.Page.ClickAsync("#about");

        var deliveries = await site.WaitForAsync(key, d => d.SelectMany(x => x.Events).OfType("leave").Count > 0);
        var last = deliveries.Single(d => d.Events.OfType("leave").Count > 0);
        Assert.Equal("no-cors", last.FetchMode);
        Assert.Equal("text/plain;charset=UTF-8", last.ContentType);
        Assert.Equal(["event", "leave"], last.Events.Select(e => e.Text("type")));
        Assert.Equal(pageId, last.Events[1].Text("pageId"));
    }
}
