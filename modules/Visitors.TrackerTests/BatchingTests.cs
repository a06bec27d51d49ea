using Lookout.Visitors.Tracker.Tests.Support;

namespace Lookout.Visitors.Tracker.Tests;

public sealed class BatchingTests(Chromium chromium, TrackerSite site) : IClassFixture<Chromium>, IClassFixture<TrackerSite>
{
    [Fact]
    public async Task Events_called_together_travel_in_one_body()
    {
        var key = site.NewSite();
        await using var visit = await Visit.StartAsync(chromium);
        await visit.OpenAsync(site.Url(key, "home"));
        await site.WaitForAsync(key, d => d.Count > 0);

        await visit.CallAsync("for (let i = 0; i < 5; i++) lookout('event', 'step' + i)");

        var deliveries = await site.WaitForAsync(key, d => d.Count > 1);
        Assert.Equal(["step0", "step1", "step2", "step3", "step4"], deliveries[1].Events.Select(e => e.Text("name")));
    }

    [Fact]
    public async Task Events_held_for_consent_leave_in_bodies_of_at_most_50()
    {
        var key = site.NewSite(new SiteOptions("data-consent=\"required\""));
        await using var visit = await Visit.StartAsync(chromium);
        await visit.OpenAsync(site.Url(key, "home"));

        await visit.CallAsync("for (let i = 0; i < 60; i++) lookout('event', 'held' + i); lookout('consent', true)");

        // Bodies of one flush travel side by side and may arrive in any order.
        var deliveries = (await site.WaitForAsync(key, d => d.Sum(x => x.Events.Count) == 61)).OrderByDescending(d => d.Events.Count).ToList();
        Assert.Equal([50, 11], deliveries.Select(d => d.Events.Count));
        var events = deliveries.SelectMany(d => d.Events).ToList();
        Assert.Equal("pageview", events[0].Text("type"));
        Assert.Equal(Enumerable.Range(0, 60).Select(i => "held" + i), events.Skip(1).Select(e => e.Text("name")));
    }

    [Fact]
    public async Task Long_fields_are_cut_to_their_limits_on_whole_characters()
    {
        var key = site.NewSite();
        await using var visit = await Visit.StartAsync(chromium);
        await visit.OpenAsync(site.Url(key, "home"));
        await site.WaitForAsync(key, d => d.Count > 0);

        await visit.CallAsync("""
            lookout('identify', { email: 'ada@example.com', name: 'n'.repeat(10240) });
            lookout('event', 'e'.repeat(150), Object.fromEntries(Array.from({ length: 25 }, (_, i) => ['k' + i + 'x'.repeat(200), 'v'.repeat(1000)])));
            lookout('event', 'emoji', { v: 'a' + '\u{1F600}'.repeat(200) });
            document.title = 't'.repeat(1000);
            history.pushState({}, '', '?q=' + 'x'.repeat(3000));
            """);

        var deliveries = await site.WaitForAsync(key, d => d.Count > 1);
        var events = deliveries[1].Events;
        Assert.Equal(256, events.OfType("identify")[0].Text("name").Length);
        var big = events.OfType("event")[0];
        Assert.Equal(100, big.Text("name").Length);
        var props = big["props"]!.AsObject();
        Assert.Equal(20, props.Count);
        Assert.All(props, p => Assert.Equal(100, p.Key.Length));
        Assert.All(props, p => Assert.Equal(256, p.Value!.GetValue<string>().Length));
        var emoji = events.OfType("event")[1]["props"]!["v"]!.GetValue<string>();
        Assert.Equal("a" + string.Concat(Enumerable.Repeat("\U0001F600", 127)), emoji);
        var view = events.OfType("pageview")[0];
        Assert.Equal(2048, view.Text("url").Length);
        Assert.Equal(512, view.Text("title").Length);
        Assert.InRange(deliveries[1].Bytes, 1, 64000);
    }

    [Fact]
    public async Task Large_events_are_split_across_bodies_of_at_most_64_KB()
    {
        var key = site.NewSite();
        await using var visit = await Visit.StartAsync(chromium);
        await visit.OpenAsync(site.Url(key, "home"));
        await site.WaitForAsync(key, d => d.Count > 0);

        await visit.CallAsync("""
            const props = Object.fromEntries(Array.from({ length: 20 }, (_, i) => ['key' + i, '\u00e9'.repeat(256)]));
            for (let i = 0; i < 20; i++) lookout('event', 'big' + i, props);
            """);

        var deliveries = (await site.WaitForAsync(key, d => d.Sum(x => x.Events.OfType("event").Count) == 20)).Skip(1).ToList();
        Assert.True(deliveries.Count >= 2, $"{deliveries.Count} bodies");
        Assert.All(deliveries, d => Assert.InRange(d.Bytes, 1, 64000));
        Assert.Equal(
            Enumerable.Range(0, 20).Select(i => "big" + i).Order(),
            deliveries.SelectMany(d => d.Events).Select(e => e.Text("name")).Order());
    }
}
