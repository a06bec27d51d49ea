using System.Net;
using Lookout.Host.Testing;
using Lookout.Workspaces.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Workspaces.Tests.Sites;

/// <summary>
/// Every host keeps the sites /collect asks for in memory: a site changed through one host is seen by the others as
/// soon as the change is answered, not when their copy expires.
/// </summary>
public sealed class SitesAcrossHostsTests(HostsOfOneCluster hosts) : IClassFixture<HostsOfOneCluster>
{
    [Fact]
    public async Task A_site_changed_through_host_A_is_seen_by_host_B_at_once()
    {
        using var admin = await hosts.A.AdminOfNewWorkspaceAsync();
        string siteId, siteKey;
        using (var response = await admin.PostAsync("/api/workspaces/sites", new { name = "Shop", allowedOrigins = new[] { "https://shop.example.com" }, timeZone = "Etc/UTC" }))
        {
            var site = await ApiClient.ReadAsync(response, HttpStatusCode.Created);
            (siteId, siteKey) = (site["id"]!.GetValue<string>(), site["siteKey"]!.GetValue<string>());
        }
        var directoryOfB = hosts.B.Services.GetRequiredService<ISiteDirectory>();
        Assert.Equal("Shop", (await directoryOfB.FindByKeyAsync(siteKey, CancellationToken.None))?.Name);
        Assert.Equal("Shop", (await directoryOfB.FindByIdAsync(siteId, CancellationToken.None))?.Name);

        using (var response = await admin.PutAsync($"/api/workspaces/sites/{siteId}", new { name = "Shop renamed", allowedOrigins = new[] { "https://www.example.com" }, timeZone = "Etc/UTC" }))
        {
            await ApiClient.ReadAsync(response, HttpStatusCode.OK);
        }

        var changed = await directoryOfB.FindByKeyAsync(siteKey, CancellationToken.None);
        Assert.Equal("Shop renamed", changed?.Name);
        Assert.Equal(["https://www.example.com"], changed!.AllowedOrigins);
        Assert.Equal("Shop renamed", (await directoryOfB.FindByIdAsync(siteId, CancellationToken.None))?.Name);

        using (var response = await admin.DeleteAsync($"/api/workspaces/sites/{siteId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Null(await directoryOfB.FindByKeyAsync(siteKey, CancellationToken.None));
    }

}
