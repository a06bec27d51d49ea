using System.Net;
using System.Text;
using Lookout.Host.Testing;
using Lookout.Testing;

namespace Lookout.Host.Tests.Api;

/// <summary>/metrics exports Lookout's meters and Orleans' side by side, in the Prometheus text format.</summary>
public sealed class MetricsTests(HostApp host) : IClassFixture<HostApp>
{
    [Fact]
    public async Task After_a_page_view_the_export_counts_the_event_and_the_visitor_grain_Orleans_activated()
    {
        using var admin = await host.App.SignInAsAdminAsync();
        using (var sites = await admin.GetAsync("/api/workspaces/sites"))
        {
            var siteKey = (await ApiClient.ReadAsync(sites, HttpStatusCode.OK))[0]!["siteKey"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.Accepted, await PageViewAsync(siteKey));
        }

        using var scraper = new HttpClient { BaseAddress = host.App.BaseAddress };
        var export = "";
        await Eventually.TrueAsync(
            async () =>
            {
                export = await scraper.GetStringAsync("/metrics");
                return Lines(export, "lookout_collect_events").Any()
                    && Lines(export, "orleans_catalog_activation_created").Any(l => l.Contains("grain_type=\"visitor", StringComparison.OrdinalIgnoreCase));
            },
            "/metrics shows the accepted event and the visitor grain's activation");
        Assert.Contains(Lines(export, "orleans_app_requests_latency"), l => l.Contains("otel_scope_name=\"Microsoft.Orleans\"", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Lines(string export, string metric) =>
        export.Split('\n').Where(l => l.StartsWith(metric, StringComparison.Ordinal));

    private async Task<HttpStatusCode> PageViewAsync(string siteKey)
    {
        var origin = host.App.BaseAddress.GetLeftPart(UriPartial.Authority);
        using var browser = new HttpClient { BaseAddress = host.App.BaseAddress };
        using var collect = new HttpRequestMessage(HttpMethod.Post, "/collect")
        {
            Content = new StringContent(
                $$"""{"site":"{{siteKey}}","visitor":"metrics-visitor-0000","events":[{"type":"pageview","pageId":"metrics-page","url":"{{origin}}/"}]}""",
                Encoding.UTF8, "text/plain"),
        };
        collect.Headers.Add("Origin", origin);
        collect.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
        using var response = await browser.SendAsync(collect);
        return response.StatusCode;
    }
}
