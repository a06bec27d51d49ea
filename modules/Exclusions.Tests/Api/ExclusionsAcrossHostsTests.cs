using System.Net;
using System.Text;
using Lookout.Exclusions.Contracts;
using Lookout.Exclusions.Matching;
using Lookout.Host.Testing;
using Lookout.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Exclusions.Tests.Api;

/// <summary>
/// Every host keeps each workspace's compiled exclusions in memory: an exclusion created through one host leaves page
/// views out on every host from the moment its creation is answered.
/// </summary>
public sealed class ExclusionsAcrossHostsTests(ExclusionsAcrossHostsTests.Hosts hosts) : IClassFixture<ExclusionsAcrossHostsTests.Hosts>
{
    [Fact]
    public async Task An_exclusion_created_through_host_A_applies_to_collect_on_host_B_at_once()
    {
        using var admin = await hosts.A.AdminOfNewWorkspaceAsync();
        string siteId, siteKey;
        using (var response = await admin.PostAsync("/api/workspaces/sites", new { name = "Shop", allowedOrigins = new[] { "https://shop.example.com" }, timeZone = "Etc/UTC" }))
        {
            var site = await ApiClient.ReadAsync(response, HttpStatusCode.Created);
            (siteId, siteKey) = (site["id"]!.GetValue<string>(), site["siteKey"]!.GetValue<string>());
        }
        var privatePage = new ExclusionSubject(admin.WorkspaceId!, siteId, "https://shop.example.com/private/a", null, null, null, null, null);
        // Both hosts compile the workspace's rules (none yet) and keep them.
        foreach (var host in new[] { hosts.A, hosts.B })
        {
            Assert.Null(await PolicyOf(host).FindAsync(privatePage, CancellationToken.None));
        }

        using (var response = await admin.PostAsync("/api/exclusions", new { kind = "page", pattern = "private/*" }))
        {
            await ApiClient.ReadAsync(response, HttpStatusCode.Created);
        }

        Assert.NotNull(await PolicyOf(hosts.B).FindAsync(privatePage, CancellationToken.None));
        // Visitors whose grains land on either host, all sent to host B: each page view is left out.
        var visitors = Enumerable.Range(0, 6).Select(v => $"private-visitor-{v}").ToList();
        foreach (var visitor in visitors)
        {
            Assert.Equal(HttpStatusCode.Accepted, await CollectAsync(hosts.B, siteKey, visitor, "https://shop.example.com/private/a"));
        }
        await Eventually.TrueAsync(async () => await HitCountAsync(admin) == visitors.Count, "every page view sent to host B is left out");
    }

    private static ExclusionPolicy PolicyOf(LookoutApp host) => (ExclusionPolicy)host.Services.GetRequiredService<IExclusionPolicy>();

    private static async Task<int> HitCountAsync(ApiClient admin)
    {
        using var response = await admin.GetAsync("/api/exclusions");
        return (await ApiClient.ReadAsync(response, HttpStatusCode.OK)).AsArray().Sum(e => e!["hitCount"]!.GetValue<int>());
    }

    private static async Task<HttpStatusCode> CollectAsync(LookoutApp host, string siteKey, string visitorId, string url)
    {
        using var browser = new HttpClient { BaseAddress = host.BaseAddress };
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/collect")
        {
            Content = new StringContent(
                $$"""{"site":"{{siteKey}}","visitor":"{{visitorId}}","sentAt":{{now}},"events":[{"type":"pageview","pageId":"{{visitorId}}-page","url":"{{url}}","ts":{{now}}}]}""",
                Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", "https://shop.example.com");
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
        using var response = await browser.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Two hosts whose exclusion hits are flushed every 100 ms.</summary>
    public sealed class Hosts() : HostsOfOneCluster(new Dictionary<string, string?> { ["Exclusions:HitFlushInterval"] = "00:00:00.100" }, null);
}
