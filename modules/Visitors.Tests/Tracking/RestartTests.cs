using System.Net;
using System.Text;
using Lookout.Host.Testing;
using Dapper;
using Lookout.Kernel.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Visitors.Tests.Tracking;

/// <summary>Accepted means 202 was answered: a graceful restart loses none of it.</summary>
public abstract class RestartTests(SqlDialect dialect) : IAsyncLifetime
{
    private LookoutApp _app = null!;

    public async Task InitializeAsync() => _app = await LookoutApp.StartAsync(dialect);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Restarting_the_host_loses_no_accepted_event()
    {
        string siteId, siteKey;
        using (var admin = await _app.SignInAsAdminAsync())
        {
            var site = (await ApiClient.ReadAsync(await admin.GetAsync("/api/workspaces/sites"), HttpStatusCode.OK))[0]!;
            (siteId, siteKey) = (site["id"]!.GetValue<string>(), site["siteKey"]!.GetValue<string>());
        }
        var origin = _app.BaseAddress.GetLeftPart(UriPartial.Authority);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using (var browser = new HttpClient { BaseAddress = _app.BaseAddress })
        {
            for (var v = 0; v < 20; v++)
            {
                var events = string.Join(",", Enumerable.Range(0, 5).Select(p =>
                    $$"""{"type":"pageview","pageId":"restart-{{v:D2}}-{{p}}-page","url":"https://shop.example.com/p{{p}}","ts":{{now - (5 - p) * 10_000}}}"""));
                using var request = new HttpRequestMessage(HttpMethod.Post, "/collect")
                {
                    Content = new StringContent($$"""{"site":"{{siteKey}}","visitor":"restart-visitor-{{v:D4}}","sentAt":{{now}},"events":[{{events}}]}""", Encoding.UTF8, "text/plain"),
                };
                request.Headers.Add("Origin", origin);
                request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15");
                using var response = await browser.SendAsync(request);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }
        }

        _app = await _app.RestartAsync();

        using var adminAfter = await _app.SignInAsAdminAsync();
        for (var v = 0; v < 20; v++)
        {
            var detail = await ApiClient.ReadAsync(await adminAfter.GetAsync($"/api/visitors/{siteId}/restart-visitor-{v:D4}"), HttpStatusCode.OK);
            Assert.Equal(5, detail["pageViews"]!.AsArray().Count);
            var visit = Assert.Single(detail["visits"]!.AsArray())!;
            Assert.Equal(5, visit["pageViews"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task A_visitor_whose_state_was_never_written_goes_on_with_its_visit_from_the_page_view_log()
    {
        var (siteId, siteKey) = await FirstSiteAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var p = 0; p < 4; p++)
        {
            await CollectAsync(siteKey, "lost-state-visitor", $$"""{"type":"pageview","pageId":"lost-{{p}}-page","url":"https://shop.example.com/p{{p}}","ts":{{now - (6 - p) * 10_000}}}""");
        }
        _app = await _app.RestartAsync();
        // As after kill -9: the page view log has the visit, the grain's stored state does not.
        await _app.Services.GetRequiredService<LookoutDatabase>().WriteAsync((connection, transaction) =>
            connection.ExecuteAsync("DELETE FROM " + (dialect == SqlDialect.Sqlite ? "orleans_grain_state" : "orleans_storage"), transaction: transaction));
        _app = await _app.RestartAsync();

        // The last page view again (a retried beacon) and one new one.
        await CollectAsync(siteKey, "lost-state-visitor",
            $$"""{"type":"pageview","pageId":"lost-3-page","url":"https://shop.example.com/p3","ts":{{now - 30_000}}}""",
            $$"""{"type":"pageview","pageId":"lost-4-page","url":"https://shop.example.com/p4","ts":{{now - 10_000}}}""");

        using var admin = await _app.SignInAsAdminAsync();
        var detail = await ApiClient.ReadAsync(await admin.GetAsync($"/api/visitors/{siteId}/lost-state-visitor"), HttpStatusCode.OK);
        var visit = Assert.Single(detail["visits"]!.AsArray())!;
        Assert.Equal(1, visit["number"]!.GetValue<int>());
        Assert.Equal(5, detail["now"]!["visitor"]!["pagesThisVisit"]!.GetValue<int>());
        Assert.Equal("https://shop.example.com/p4", detail["now"]!["visitor"]!["currentUrl"]!.GetValue<string>());
    }

    private async Task<(string SiteId, string SiteKey)> FirstSiteAsync()
    {
        using var admin = await _app.SignInAsAdminAsync();
        var site = (await ApiClient.ReadAsync(await admin.GetAsync("/api/workspaces/sites"), HttpStatusCode.OK))[0]!;
        return (site["id"]!.GetValue<string>(), site["siteKey"]!.GetValue<string>());
    }

    private async Task CollectAsync(string siteKey, string visitorId, params string[] events)
    {
        using var browser = new HttpClient { BaseAddress = _app.BaseAddress };
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/collect")
        {
            Content = new StringContent($$"""{"site":"{{siteKey}}","visitor":"{{visitorId}}","sentAt":{{now}},"events":[{{string.Join(",", events)}}]}""", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", _app.BaseAddress.GetLeftPart(UriPartial.Authority));
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15");
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}

public sealed class SqliteRestartTests() : RestartTests(SqlDialect.Sqlite);

public sealed class PostgresRestartTests() : RestartTests(SqlDialect.PostgreSql);
