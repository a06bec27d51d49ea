using Lookout.Visitors.Tracker.Tests.Support;

namespace Lookout.Visitors.Tracker.Tests;

public sealed class IdentifyAndEventTests(Chromium chromium, TrackerSite site) : IClassFixture<Chromium>, IClassFixture<TrackerSite>
{
    [Fact]
    public async Task Identify_sends_the_lead_details_and_nothing_else()
    {
        var key = site.NewSite();
        await using var visit = await Visit.StartAsync(chromium);
        await visit.OpenAsync(site.Url(key, "home"));

        await visit.CallAsync("lookout('identify', { email: 'ada@example.com', name: 'Ada Lovelace', company: 'Analytical Engines', phone: '+44 20 7946 0000', password: 'hunter2' })");

        var identify = Assert.Single((await site.WaitForEventsAsync(key, e => e.OfType("identify").Count > 0)).OfType("identify"));
        Assert.Equal(["type", "email", "name", "company", "phone", "ts"], identify.Select(p => p.Key));
        Assert.Equal("ada@example.com", identify.Text("email"));
        Assert.Equal("Ada Lovelace", identify.Text("name"));
        Assert.Equal("Analytical Engines", identify.Text("company"));
        Assert.Equal("+44 20 7946 0000", identify.Text("phone"));
    }

    [Fact]
    public async Task An_event_sends_its_name_and_its_string_number_and_boolean_props()
    {
        var key = site.NewSite();
        await using var visit = await Visit.StartAsync(chromium);
        await visit.OpenAsync(site.Url(key, "home"));

        await visit.CallAsync("lookout('event', 'signup', { plan: 'pro', seats: 3, trial: true, nested: { a: 1 }, nothing: null, nan: NaN, fn() {} })");

        var signup = Assert.Single((await site.WaitForEventsAsync(key, e => e.OfType("event").Count > 0)).OfType("event"));
        Assert.Equal("signup", signup.Text("name"));
        Assert.Equal("""{"plan":"pro","seats":3,"trial":true}""", signup["props"]!.ToJsonString());
        Assert.InRange(signup.Ts(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Calls_queued_by_the_stub_before_the_script_loaded_are_replayed_after_the_page_view()
    {
        const string stub = """
            <script>
            window.lookout = window.lookout || function(){(window.lookout.q = window.lookout.q || []).push(arguments)};
            lookout('identify', { email: 'early@example.com' });
            lookout('event', 'early', { n: 1 });
            </script>
            """;
        var key = site.NewSite(new SiteOptions(BeforeSnippet: stub));
        await using var visit = await Visit.StartAsync(chromium);

        await visit.OpenAsync(site.Url(key, "home"));

        var events = await site.WaitForEventsAsync(key, e => e.Count >= 3);
        Assert.Equal(["pageview", "identify", "event"], events.Select(e => e.Text("type")));
        Assert.Equal("early@example.com", events[1].Text("email"));
        Assert.Equal("early", events[2].Text("name"));
    }

    [Fact]
    public async Task Bad_calls_never_throw_into_the_page_nor_log_and_lookout_is_the_only_global()
    {
        var key = site.NewSite();
        await using var visit = await Visit.StartAsync(chromium);
        const string globals = "() => Object.getOwnPropertyNames(window)";
        await visit.Page.GotoAsync(site.PageOrigin + "/blank");
        var before = await visit.Page.EvaluateAsync<string[]>(globals);

        await visit.OpenAsync(site.Url(key, "home"));
        var thrown = await visit.Page.EvaluateAsync<bool>("""
            () => {
              try {
                lookout(); lookout('nope'); lookout('identify'); lookout('identify', 'ada'); lookout('identify', null);
                lookout('event'); lookout('event', 42); lookout('event', '', {}); lookout('event', 'ok', 'props');
                lookout('event', 'boom', { get bad() { throw new Error('from a getter') } });
                lookout('consent', 'yes'); lookout('pageview', 1, 2, 3);
                return false;
              } catch { return true; }
            }
            """);
        var after = await visit.Page.EvaluateAsync<string[]>(globals);

        Assert.False(thrown);
        Assert.Equal(["lookout"], after.Except(before));
        await site.WaitForEventsAsync(key, e => e.OfType("pageview").Count == 2);
        var sent = Assert.Single(site.Events(key), e => e.Text("type") is "identify" or "event");
        Assert.Equal("ok", sent.Text("name"));
        Assert.Equal("{}", sent["props"]!.ToJsonString());
        Assert.Empty(visit.PageErrors);
        Assert.Empty(visit.ConsoleMessages);
    }
}
