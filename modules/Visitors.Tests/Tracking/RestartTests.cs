using System.Net;
using System.Text;
using Lookout.Host.Testing;
using Lookout.Kernel.Storage;

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
}

public sealed class SqliteRestartTests() : RestartTests(SqlDialect.Sqlite);

public sealed class PostgresRestartTests() : RestartTests(SqlDialect.PostgreSql);
