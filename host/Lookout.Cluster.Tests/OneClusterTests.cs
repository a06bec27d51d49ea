using Lookout.Testing;
using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using Lookout.Testing.Cluster;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace Lookout.Cluster.Tests;

/// <summary>
/// Two host processes on one PostgreSQL database form one Orleans cluster: a visitor is one grain in the whole
/// cluster whichever host gets its requests, operators see it live on any host, and the death of a host (kill -9)
/// loses no page view accepted more than two seconds before it.
/// </summary>
public sealed class OneClusterTests(TwoHostsBehindNginx installation) : IClassFixture<TwoHostsBehindNginx>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Thirty_page_views_of_one_visitor_sent_alternately_to_both_hosts_make_one_visit_of_thirty_pages()
    {
        var (siteId, siteKey) = await FirstSiteAsync();
        var start = DateTimeOffset.UtcNow.AddSeconds(-31).ToUnixTimeMilliseconds();
        for (var i = 0; i < 30; i++)
        {
            var host = installation.Cluster.Hosts[i % 2].Address;
            Assert.Equal(HttpStatusCode.Accepted, await CollectAsync(host, siteKey, "alternating-visitor",
                $$"""{"type":"pageview","pageId":"alternating-{{i:D2}}-page","url":"https://shop.example.com/p{{i}}","ts":{{start + i * 1_000}}}"""));
        }

        // The visitor as its one grain sees it: every page view counted in one visit, whichever host took it.
        using var admin = new CookieSession();
        await admin.SignInAsync(installation.First.Address);
        var now = await EventuallyAsync(async () =>
        {
            foreach (var host in installation.Cluster.Hosts)
            {
                using var response = await admin.SendAsync(HttpMethod.Get, host.Address, $"/api/visitors/{siteId}/alternating-visitor");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }
                using var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (detail.RootElement.GetProperty("now") is { ValueKind: JsonValueKind.Object } live
                    && live.GetProperty("visitor") is var visitor && visitor.GetProperty("pagesThisVisit").GetInt32() == 30
                    && detail.RootElement.GetProperty("visits").GetArrayLength() > 0) // the visit's row is written as it starts
                {
                    return $"{detail.RootElement.GetProperty("visits").GetArrayLength()} stored visit(s), visit number {visitor.GetProperty("visitCount").GetInt32()}";
                }
            }
            return null;
        });
        Assert.Equal("1 stored visit(s), visit number 1", now);
    }

    [Fact]
    public async Task The_live_view_opened_on_one_host_shows_within_two_seconds_the_visitors_whose_events_go_to_the_other()
    {
        var (_, siteKey) = await FirstSiteAsync();
        using var operatorBrowser = new CookieSession();
        await operatorBrowser.SignInAsync(installation.First.Address);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(installation.First.Address, $"/hubs/live?workspace={operatorBrowser.WorkspaceId}"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.Cookies = operatorBrowser.Cookies;
            })
            .Build();
        // Several visitors, so that whichever host Orleans places their grains on, some of them run on the other host;
        // and one before them, which the hosts of a cluster just started take their time to place (a second or more
        // on a busy machine), as they do with any first grain.
        var visitors = Enumerable.Range(0, 4).ToDictionary(v => $"live-across-visitor-{v}", _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously));
        var warmUp = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("visitor", live =>
        {
            var visitorId = live.GetProperty("visitor").GetProperty("visitorId").GetString()!;
            (visitors.GetValueOrDefault(visitorId) ?? (visitorId == "live-across-warm-up" ? warmUp : null))?.TrySetResult(live);
        });
        await hub.StartAsync();
        Assert.Equal(HttpStatusCode.Accepted, await CollectAsync(installation.Second.Address, siteKey, "live-across-warm-up",
            $$"""{"type":"pageview","pageId":"live-across-warm-up-page","url":"https://shop.example.com/","ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}"""));
        await warmUp.Task.WaitAsync(Patience);

        foreach (var visitor in visitors.Keys)
        {
            Assert.Equal(HttpStatusCode.Accepted, await CollectAsync(installation.Second.Address, siteKey, visitor,
                $$"""{"type":"pageview","pageId":"{{visitor}}-page","url":"https://shop.example.com/live","ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}"""));
        }

        var shown = await Task.WhenAll(visitors.Values.Select(pushed => pushed.Task)).WaitAsync(TimeSpan.FromSeconds(2));
        Assert.All(shown, live => Assert.Equal("https://shop.example.com/live", live.GetProperty("visitor").GetProperty("currentUrl").GetString()));
        using var response = await operatorBrowser.SendAsync(HttpMethod.Get, installation.First.Address, "/api/visitors/live");
        using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var listed = list.RootElement.EnumerateArray().Select(live => live.GetProperty("visitor").GetProperty("visitorId").GetString()).ToList();
        Assert.All(visitors.Keys, visitor => Assert.Contains(visitor, listed));
        await hub.StopAsync();
    }

    [Fact]
    public async Task After_kill_9_of_one_host_the_page_views_accepted_before_and_after_are_all_counted()
    {
        var (siteId, siteKey) = await FirstSiteAsync();
        var proxy = installation.Nginx.Address;
        var start = DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeMilliseconds();
        // Visitors whose grains end up on both hosts.
        var visitors = Enumerable.Range(0, 12).Select(v => $"crash-visitor-{v:D2}").ToList();
        foreach (var visitor in visitors)
        {
            Assert.Equal(HttpStatusCode.Accepted, await CollectAsync(proxy, siteKey, visitor,
                $$"""{"type":"pageview","pageId":"{{visitor}}-before","url":"https://shop.example.com/before","ts":{{start}}}"""));
        }
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        await installation.First.KillAsync();
        try
        {
            var after = visitors.Take(10).ToList();
            foreach (var visitor in after)
            {
                Assert.Equal(HttpStatusCode.Accepted, await CollectAsync(proxy, siteKey, visitor,
                    $$"""{"type":"pageview","pageId":"{{visitor}}-after","url":"https://shop.example.com/after","ts":{{start + 60_000}}}"""));
            }

            await using var connection = new NpgsqlConnection(installation.Cluster.Database.ConnectionString);
            var stored = await EventuallyAsync(async () =>
            {
                var pages = (await connection.QueryAsync<string>(
                    "SELECT page_id FROM vi_page_views WHERE site_id = @siteId AND visitor_id LIKE 'crash-visitor-%'", new { siteId })).ToHashSet();
                return pages.Count == visitors.Count + after.Count ? pages : null;
            });
            Assert.All(visitors, visitor => Assert.Contains($"{visitor}-before", stored));
            Assert.All(after, visitor => Assert.Contains($"{visitor}-after", stored));
        }
        finally
        {
            await installation.First.StartAsync();
        }
    }

    private async Task<(string SiteId, string SiteKey)> FirstSiteAsync()
    {
        using var admin = new CookieSession();
        await admin.SignInAsync(installation.First.Address);
        using var response = await admin.SendAsync(HttpMethod.Get, installation.First.Address, "/api/workspaces/sites");
        using var sites = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var site = sites.RootElement[0];
        return (site.GetProperty("id").GetString()!, site.GetProperty("siteKey").GetString()!);
    }

    private static async Task<HttpStatusCode> CollectAsync(Uri at, string siteKey, string visitorId, string pageView)
    {
        using var browser = new HttpClient { BaseAddress = at };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/collect")
        {
            Content = new StringContent(
                $$"""{"site":"{{siteKey}}","visitor":"{{visitorId}}","sentAt":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"events":[{{pageView}}]}""", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", at.GetLeftPart(UriPartial.Authority));
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
        using var response = await browser.SendAsync(request);
        return response.StatusCode;
    }

    private static Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class => Eventually.FoundAsync(probe, "the cluster shows what was tracked", Patience);
}
