using Lookout.Testing;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Lookout.Host.Testing;
using Lookout.Kernel.Storage;
using Lookout.Visitors.Live;
using Lookout.Visitors.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Visitors.Tests.Tracking;

/// <summary>
/// /collect to the live view, the history and leads, through the real host as lookout.js and an operator use it;
/// on SQLite and PostgreSQL alike.
/// </summary>
public abstract class TrackingTests(SqlDialect dialect) : IAsyncLifetime
{
    private LookoutApp _app = null!;
    private ApiClient _admin = null!;
    private HttpClient _browser = null!;
    private JsonNode _site = null!;

    public async Task InitializeAsync()
    {
        _app = await LookoutApp.StartAsync(dialect, new Dictionary<string, string?> { ["Exclusions:HitFlushInterval"] = "00:00:00.200" });
        _admin = await _app.SignInAsAdminAsync();
        var sites = await ApiClient.ReadAsync(await _admin.GetAsync("/api/workspaces/sites"), HttpStatusCode.OK);
        _site = sites[0]!;
        _browser = new HttpClient { BaseAddress = _app.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    private string SiteKey => _site["siteKey"]!.GetValue<string>();

    private string SiteId => _site["id"]!.GetValue<string>();

    private async Task<HttpResponseMessage> CollectAsync(string json, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/collect")
        {
            Content = new StringContent(json, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", origin ?? _app.BaseAddress.GetLeftPart(UriPartial.Authority));
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
        return await _browser.SendAsync(request);
    }

    private string Batch(string visitor, long sentAt, params string[] events) =>
        $$"""{"site":"{{SiteKey}}","visitor":"{{visitor}}","sentAt":{{sentAt}},"events":[{{string.Join(",", events)}}]}""";

    /// <summary>The visitor's detail once its history holds <paramref name="count"/> page views; <paramref name="flushLog"/> asks the log to write first.</summary>
    private Task<JsonNode> DetailWithStoredPageViewsAsync(string visitorId, int count, bool flushLog) => EventuallyAsync(async () =>
    {
        if (flushLog)
        {
            await _app.Services.GetRequiredService<TrackingLog>().FlushAsync();
        }
        var response = await _admin.GetAsync($"/api/visitors/{SiteId}/{visitorId}");
        var json = response.StatusCode == HttpStatusCode.OK ? await ApiClient.ReadAsync(response, HttpStatusCode.OK) : null;
        return json?["pageViews"]!.AsArray().Count == count ? json : null;
    });

    [Fact]
    public async Task A_visitor_browsing_appears_in_the_live_view_with_page_referrer_and_keywords()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var response = await CollectAsync(Batch("visitor-one-aaaaaaaaaa", now,
            $$"""{"type":"pageview","pageId":"page-one-1","url":"https://shop.example.com/lamps?utm_source=news&utm_campaign=autumn","title":"Lamps","referrer":"https://www.google.de/search?q=stehlampe+messing","ts":{{now - 30_000}}}""",
            $$"""{"type":"heartbeat","pageId":"page-one-1","ts":{{now - 15_000}}}""",
            $$"""{"type":"pageview","pageId":"page-one-2","url":"https://shop.example.com/lamps/brass","title":"Brass lamp","referrer":"https://shop.example.com/lamps","ts":{{now}}}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var visitor = await EventuallyAsync(async () =>
            (await ApiClient.ReadAsync(await _admin.GetAsync("/api/visitors/live"), HttpStatusCode.OK)).AsArray()
                .FirstOrDefault(v => v!["visitor"]!["visitorId"]!.GetValue<string>() == "visitor-one-aaaaaaaaaa"));
        var summary = visitor["visitor"]!;
        Assert.Equal("https://shop.example.com/lamps/brass", summary["currentUrl"]!.GetValue<string>());
        Assert.Equal(2, summary["pagesThisVisit"]!.GetValue<int>());
        Assert.Equal("https://www.google.de/search?q=stehlampe+messing", summary["referrer"]!.GetValue<string>());
        Assert.Equal("Google", summary["searchEngine"]!.GetValue<string>());
        Assert.Equal("stehlampe messing", summary["searchKeywords"]!.GetValue<string>());
        Assert.False(summary["returning"]!.GetValue<bool>());
        Assert.Equal("Chrome", summary["browser"]!.GetValue<string>());
        Assert.Equal("My site", visitor["siteName"]?.GetValue<string>());
    }

    [Fact]
    public async Task Dwell_runs_to_the_next_page_and_a_page_closed_early_keeps_what_was_measured()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await CollectAsync(Batch("visitor-two-aaaaaaaaaa", now,
            $$"""{"type":"pageview","pageId":"page-two-1","url":"https://shop.example.com/","ts":{{now - 60_000}}}""",
            $$"""{"type":"pageview","pageId":"page-two-2","url":"https://shop.example.com/pricing","ts":{{now - 20_000}}}""",
            $$"""{"type":"heartbeat","pageId":"page-two-2","ts":{{now - 5_000}}}""",
            $$"""{"type":"leave","pageId":"page-two-2","ts":{{now}}}"""));

        var detail = await DetailWithStoredPageViewsAsync("visitor-two-aaaaaaaaaa", 2, flushLog: true);
        var pageViews = detail["pageViews"]!.AsArray().OrderBy(p => p!["enteredAt"]!.GetValue<long>()).ToList();
        Assert.Equal(40_000, pageViews[0]!["dwellMs"]!.GetValue<long>());
        Assert.Equal(20_000, pageViews[1]!["dwellMs"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_finished_page_view_reaches_the_history_without_anyone_flushing_the_log()
    {
        // The log gathers rows for a second before it writes them; nothing here asks it to write sooner.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await CollectAsync(Batch("visitor-linger-aaaaaaa", now,
            $$"""{"type":"pageview","pageId":"page-linger-1","url":"https://shop.example.com/","ts":{{now - 30_000}}}""",
            $$"""{"type":"pageview","pageId":"page-linger-2","url":"https://shop.example.com/pricing","ts":{{now - 10_000}}}"""));

        var detail = await DetailWithStoredPageViewsAsync("visitor-linger-aaaaaaa", 1, flushLog: false);
        var stored = detail["pageViews"]![0]!;
        Assert.Equal("https://shop.example.com/", stored["url"]!.GetValue<string>());
        Assert.Equal(20_000, stored["dwellMs"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_log_stores_a_batch_of_many_visitors_whatever_its_order_and_a_page_view_keeps_its_longest_dwell()
    {
        // The log writes a batch in key order: here the rows come in the reverse of it. Every page view comes as it
        // opened (dwell 0), then finished, then opened once more (a retried beacon): the finished dwell must stay.
        var log = _app.Services.GetRequiredService<TrackingLog>();
        var entered = DateTimeOffset.UtcNow.AddMinutes(-5);
        PageViewRecord Page(int visitor, string page, long dwellMs) =>
            new(SiteId, $"visitor-order-{visitor:D7}", page, 1, $"https://shop.example.com/{page}", null, null, entered, dwellMs);
        for (var visitor = 39; visitor >= 0; visitor--)
        {
            log.Append(Page(visitor, "page-b", 0));
            log.Append(Page(visitor, "page-a", 0));
        }
        for (var visitor = 39; visitor >= 0; visitor--)
        {
            log.Append(Page(visitor, "page-b", visitor * 10 + 2));
            log.Append(Page(visitor, "page-a", visitor * 10 + 1));
        }
        for (var visitor = 0; visitor < 40; visitor++)
        {
            log.Append(Page(visitor, "page-a", 0));
            log.Append(Page(visitor, "page-b", 0));
        }
        await log.FlushAsync();

        var history = _app.Services.GetRequiredService<VisitorHistory>();
        for (var visitor = 0; visitor < 40; visitor++)
        {
            var stored = (await history.PageViewsAsync(SiteId, $"visitor-order-{visitor:D7}", 10, CancellationToken.None))
                .OrderBy(p => p.PageId, StringComparer.Ordinal).Select(p => $"{p.PageId} {p.DwellMs}");
            Assert.Equal([$"page-a {visitor * 10 + 1}", $"page-b {visitor * 10 + 2}"], stored);
        }
    }

    [Fact]
    public async Task Events_of_one_batch_count_in_time_order_whatever_their_order_in_the_batch()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await CollectAsync(Batch("visitor-mixed-aaaaaaaa", now,
            // Taken as they come, the leave and the heartbeat would find no page open and the second page stay open.
            $$"""{"type":"leave","pageId":"page-mixed-2","ts":{{now}}}""",
            $$"""{"type":"heartbeat","pageId":"page-mixed-2","ts":{{now - 5_000}}}""",
            $$"""{"type":"pageview","pageId":"page-mixed-2","url":"https://shop.example.com/pricing","ts":{{now - 20_000}}}""",
            $$"""{"type":"pageview","pageId":"page-mixed-1","url":"https://shop.example.com/","ts":{{now - 60_000}}}"""));

        var detail = await DetailWithStoredPageViewsAsync("visitor-mixed-aaaaaaaa", 2, flushLog: true);
        var pageViews = detail["pageViews"]!.AsArray().OrderBy(p => p!["enteredAt"]!.GetValue<long>()).ToList();
        Assert.Equal("https://shop.example.com/", pageViews[0]!["url"]!.GetValue<string>());
        Assert.Equal(40_000, pageViews[0]!["dwellMs"]!.GetValue<long>());
        Assert.Equal(20_000, pageViews[1]!["dwellMs"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_site_that_anonymises_addresses_stores_them_with_the_last_octet_zeroed()
    {
        var site = _site.DeepClone().AsObject();
        site["anonymizeIp"] = true;
        await ApiClient.ReadAsync(await _admin.PutAsync($"/api/workspaces/sites/{SiteId}", site), HttpStatusCode.OK);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        // The second page view comes after 40 minutes: the first visit ends and its row is written.
        await CollectAsync(Batch("visitor-anon-aaaaaaaaa", now,
            $$"""{"type":"pageview","pageId":"page-anon-1","url":"https://shop.example.com/","ts":{{now - 40 * 60_000}}}""",
            $$"""{"type":"pageview","pageId":"page-anon-2","url":"https://shop.example.com/again","ts":{{now}}}"""));

        // The address is not shown anywhere; what counts is what is stored.
        var stored = await EventuallyAsync(async () =>
        {
            await _app.Services.GetRequiredService<TrackingLog>().FlushAsync();
            await using var connection = await _app.Services.GetRequiredService<LookoutDatabase>().OpenAsync();
            return (await connection.QueryAsync<string>("SELECT ip FROM vi_visits WHERE visitor_id = @visitor", new { visitor = "visitor-anon-aaaaaaaaa" })).FirstOrDefault();
        });
        Assert.Equal("127.0.0.0", stored);
    }

    [Fact]
    public async Task Identify_turns_the_visitor_into_a_lead_owned_by_the_sites_default_owner()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await CollectAsync(Batch("visitor-lead-aaaaaaaaa", now,
            $$"""{"type":"pageview","pageId":"page-lead-1","url":"https://shop.example.com/contact","ts":{{now}}}""",
            $$"""{"type":"identify","email":"Ana@Example.com","name":"Ana Lima","company":"Acme","ts":{{now}}}"""));

        var lead = await EventuallyAsync(async () =>
            (await ApiClient.ReadAsync(await _admin.GetAsync("/api/visitors/leads?search=ana"), HttpStatusCode.OK))["items"]!.AsArray().FirstOrDefault());
        Assert.Equal("ana@example.com", lead!["email"]!.GetValue<string>());
        Assert.Equal("Admin", lead["ownerName"]?.GetValue<string>());
        var live = await EventuallyAsync(async () =>
            (await ApiClient.ReadAsync(await _admin.GetAsync("/api/visitors/live"), HttpStatusCode.OK)).AsArray()
                .FirstOrDefault(v => v!["leadName"]?.GetValue<string>() == "Ana Lima"));
        Assert.Equal("Admin", live!["ownerName"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_identify_email_that_is_not_an_address_is_dropped_and_the_rest_of_the_lead_is_kept_stripped()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var response = await CollectAsync(Batch("visitor-lead-bbbbbbbbb", now,
            $$"""{"type":"pageview","pageId":"page-lead-2","url":"https://shop.example.com/contact","ts":{{now}}}""",
            $$"""{"type":"identify","email":"bea@example.com\u2028bcc: eve@example.com","name":"Bea\u202E Costa\u0000","company":"Acme\u2066","ts":{{now}}}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var lead = await EventuallyAsync(async () =>
            (await ApiClient.ReadAsync(await _admin.GetAsync("/api/visitors/leads?search=bea"), HttpStatusCode.OK))["items"]!.AsArray().FirstOrDefault());
        Assert.Null(lead!["email"]);
        Assert.Equal("Bea Costa", lead["name"]!.GetValue<string>());
        Assert.Equal("Acme", lead["company"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_excluded_visitor_never_reaches_the_live_view_and_the_exclusion_counts_it()
    {
        var exclusion = await ApiClient.ReadAsync(
            await _admin.PostAsync("/api/exclusions", new { kind = "Ip", pattern = "127.0.0.*", note = "office" }), HttpStatusCode.Created);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var response = await CollectAsync(Batch("visitor-excl-aaaaaaaaa", now,
            $$"""{"type":"pageview","pageId":"page-excl-1","url":"https://shop.example.com/","ts":{{now}}}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var hits = await EventuallyAsync(async () =>
        {
            var stored = await ApiClient.ReadAsync(await _admin.GetAsync($"/api/exclusions/{exclusion["id"]}"), HttpStatusCode.OK);
            return stored["hitCount"]?.GetValue<long>() > 0 ? stored : null;
        });
        Assert.NotNull(hits["lastHitAt"]?.GetValue<DateTimeOffset>());
        var live = await ApiClient.ReadAsync(await _admin.GetAsync("/api/visitors/live"), HttpStatusCode.OK);
        Assert.DoesNotContain(live.AsArray(), v => v!["visitor"]!["visitorId"]!.GetValue<string>() == "visitor-excl-aaaaaaaaa");
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/visitors/{SiteId}/visitor-excl-aaaaaaaaa")).StatusCode);
    }

    [Fact]
    public async Task The_live_view_keeps_visitors_for_the_window_and_those_who_left_for_the_grace_only()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await CollectAsync(Batch("visitor-quiet-aaaaaaaa", now,
            $$"""{"type":"pageview","pageId":"page-quiet-1","url":"https://shop.example.com/quiet","ts":{{now - 60_000}}}"""));
        await CollectAsync(Batch("visitor-leftlong-aaaaaa", now,
            $$"""{"type":"pageview","pageId":"page-leftlong-1","url":"https://shop.example.com/a","ts":{{now - 30_000}}}""",
            $$"""{"type":"leave","pageId":"page-leftlong-1","ts":{{now - 12_000}}}"""));
        await CollectAsync(Batch("visitor-leftnow-aaaaaaa", now,
            $$"""{"type":"pageview","pageId":"page-leftnow-1","url":"https://shop.example.com/b","ts":{{now - 30_000}}}""",
            $$"""{"type":"leave","pageId":"page-leftnow-1","ts":{{now - 1_000}}}"""));
        await CollectAsync(Batch("visitor-here-aaaaaaaaa", now,
            $$"""{"type":"pageview","pageId":"page-here-1","url":"https://shop.example.com/c","ts":{{now - 20_000}}}"""));

        // Every grain has applied its batch once each visitor's page is known.
        foreach (var visitorId in new[] { "visitor-quiet-aaaaaaaa", "visitor-leftlong-aaaaaa", "visitor-leftnow-aaaaaaa", "visitor-here-aaaaaaaaa" })
        {
            await EventuallyAsync(async () => (await _admin.GetAsync($"/api/visitors/{SiteId}/{visitorId}")).StatusCode == HttpStatusCode.OK ? "" : null);
        }
        var live = (await ApiClient.ReadAsync(await _admin.GetAsync("/api/visitors/live"), HttpStatusCode.OK)).AsArray()
            .Select(v => v!["visitor"]!["visitorId"]!.GetValue<string>()).ToList();
        Assert.Contains("visitor-here-aaaaaaaaa", live);
        Assert.Contains("visitor-leftnow-aaaaaaa", live);
        Assert.DoesNotContain("visitor-quiet-aaaaaaaa", live);
        Assert.DoesNotContain("visitor-leftlong-aaaaaa", live);
        var quiet = await ApiClient.ReadAsync(await _admin.GetAsync($"/api/visitors/{SiteId}/visitor-quiet-aaaaaaaa"), HttpStatusCode.OK);
        Assert.Null(quiet["now"]);
        var here = await ApiClient.ReadAsync(await _admin.GetAsync($"/api/visitors/{SiteId}/visitor-here-aaaaaaaaa"), HttpStatusCode.OK);
        Assert.Equal("https://shop.example.com/c", here["now"]!["visitor"]!["currentUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_visitor_swept_from_the_live_view_is_back_with_its_next_event_and_shows_its_latest_page()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await CollectAsync(Batch("visitor-back-aaaaaaaaa", now,
            $$"""{"type":"pageview","pageId":"page-back-1","url":"https://shop.example.com/before","ts":{{now - 60_000}}}"""));
        await EventuallyAsync(async () => (await _admin.GetAsync($"/api/visitors/{SiteId}/visitor-back-aaaaaaaaa")).StatusCode == HttpStatusCode.OK ? "" : null);
        await _app.Services.GetRequiredService<LiveVisitors>().SweepAsync(_admin.WorkspaceId!);

        now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await CollectAsync(Batch("visitor-back-aaaaaaaaa", now,
            $$"""{"type":"pageview","pageId":"page-back-2","url":"https://shop.example.com/after","ts":{{now}}}"""));

        var visitor = await EventuallyAsync(async () =>
            (await ApiClient.ReadAsync(await _admin.GetAsync("/api/visitors/live"), HttpStatusCode.OK)).AsArray()
                .FirstOrDefault(v => v!["visitor"]!["visitorId"]!.GetValue<string>() == "visitor-back-aaaaaaaaa"));
        Assert.Equal("https://shop.example.com/after", visitor["visitor"]!["currentUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_page_id_too_long_to_pack_is_extended_by_heartbeats_and_stored_as_sent()
    {
        // The tracker's ids are 16 characters; /collect takes up to 64, which the grain keeps as a string.
        var longId = "page-" + new string('x', 59);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await CollectAsync(Batch("visitor-longid-aaaaaaa", now,
            $$"""{"type":"pageview","pageId":"{{longId}}","url":"https://shop.example.com/","ts":{{now - 40_000}}}""",
            $$"""{"type":"heartbeat","pageId":"{{longId}}","ts":{{now - 25_000}}}""",
            $$"""{"type":"heartbeat","pageId":"page-other-1","ts":{{now - 20_000}}}""",
            $$"""{"type":"pageview","pageId":"Kq3_x-9ZpL0aBcDe","url":"https://shop.example.com/next","ts":{{now - 10_000}}}""",
            $$"""{"type":"heartbeat","pageId":"Kq3_x-9ZpL0aBcDe","ts":{{now - 5_000}}}"""));

        var detail = await DetailWithStoredPageViewsAsync("visitor-longid-aaaaaaa", 1, flushLog: true);
        var stored = detail["pageViews"]![0]!;
        Assert.Equal(longId, stored["pageId"]!.GetValue<string>());
        Assert.Equal(30_000, stored["dwellMs"]!.GetValue<long>());
        var open = detail["currentVisitPages"]![0]!;
        Assert.Equal("Kq3_x-9ZpL0aBcDe", open["pageId"]!.GetValue<string>());
        Assert.Equal(5_000, open["dwellMs"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_page_view_that_arrives_after_the_next_page_is_put_back_in_order()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await CollectAsync(Batch("visitor-late-aaaaaaaaa", now,
            $$"""{"type":"pageview","pageId":"page-late-2","url":"https://shop.example.com/second","title":"Second","ts":{{now}}}"""));
        await CollectAsync(Batch("visitor-late-aaaaaaaaa", now,
            $$"""{"type":"pageview","pageId":"page-late-1","url":"https://shop.example.com/first","title":"First","ts":{{now - 30_000}}}"""));

        var detail = await DetailWithStoredPageViewsAsync("visitor-late-aaaaaaaaa", 1, flushLog: true);
        Assert.Equal("https://shop.example.com/first", detail["pageViews"]![0]!["url"]!.GetValue<string>());
        // Two requests, two arrival times: the clock offsets of each batch differ by the milliseconds between them.
        Assert.InRange(detail["pageViews"]![0]!["dwellMs"]!.GetValue<long>(), 29_000, 31_000);
        Assert.Equal("https://shop.example.com/second", detail["now"]!["visitor"]!["currentUrl"]!.GetValue<string>());
        Assert.Equal(2, detail["now"]!["visitor"]!["pagesThisVisit"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("unknown-site")]
    [InlineData("bad-origin")]
    [InlineData("malformed")]
    [InlineData("too-large")]
    public async Task Refused_requests_get_their_status_and_a_problem_body(string kind)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var pageView = $$"""{"type":"pageview","pageId":"page-bad-01","url":"https://shop.example.com/","ts":{{now}}}""";
        var (response, expected) = kind switch
        {
            "unknown-site" => (await CollectAsync(Batch("visitor-bad-aaaaaaaaaa", now, pageView).Replace(SiteKey, "zzzzzzzzzzzzzzzzzzzz", StringComparison.Ordinal)), HttpStatusCode.NotFound),
            "bad-origin" => (await CollectAsync(Batch("visitor-bad-aaaaaaaaaa", now, pageView), "https://evil.example"), HttpStatusCode.Forbidden),
            "malformed" => (await CollectAsync("{\"site\":", null), HttpStatusCode.BadRequest),
            _ => (await CollectAsync(new string(' ', 70_000) + Batch("visitor-bad-aaaaaaaaaa", now, pageView)), HttpStatusCode.RequestEntityTooLarge),
        };

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_allowed_origin_gets_the_cors_header_back()
    {
        await _admin.PutAsync($"/api/workspaces/sites/{SiteId}", new { name = "My site", allowedOrigins = new[] { "https://shop.example.com" }, timeZone = "Europe/Paris" });
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var response = await CollectAsync(Batch("visitor-cors-aaaaaaaaa", now, $$"""{"type":"pageview","pageId":"page-cors-1","url":"https://shop.example.com/","ts":{{now}}}"""), "https://shop.example.com");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("https://shop.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task The_tracker_script_and_the_demo_site_are_served()
    {
        using var script = await _browser.GetAsync("/lookout.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("lookout", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var demo = await _browser.GetStringAsync("/demo/");
        Assert.Contains($"data-site=\"{SiteKey}\"", demo, StringComparison.Ordinal);
    }

    private static Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class => Eventually.FoundAsync(probe, "what the test tracked shows");
}

public sealed class SqliteTrackingTests() : TrackingTests(SqlDialect.Sqlite);

public sealed class PostgresTrackingTests() : TrackingTests(SqlDialect.PostgreSql);
