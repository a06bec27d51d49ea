using System.Net;
using System.Text.Json.Nodes;
using Lookout.Exclusions.Contracts;
using Lookout.Exclusions.Tests.Support;
using Lookout.Host.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Exclusions.Tests.Api;

/// <summary>The test box, and what ingestion sees through <see cref="IExclusionPolicy"/> in the running host.</summary>
public abstract class ExclusionTestApiTests(ExclusionsHost host) : ExclusionsApiTest(host)
{
    [Fact]
    public async Task The_test_box_tells_which_exclusion_would_leave_a_sample_out()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var site = await CreateSiteAsync(admin, "Shop");
        await CreateExclusionAsync(admin, "Page", "support/*.*", siteId: site);
        var byIp = await CreateExclusionAsync(admin, "Ip", "192.168.*; 2001:db8::/32");
        var byCountry = await CreateExclusionAsync(admin, "Country", "Côte d'Ivoire; Germany");

        var result = await TestAsync(admin, new { siteId = site, url = "https://shop.example.com/products", ip = "2001:db8::7", country = "ci" });

        Assert.True(result["excluded"]!.GetValue<bool>());
        Assert.Equal(Id(byIp), Id(result["exclusion"]!));
        Assert.Equal("Ip", result["exclusion"]!["kind"]!.GetValue<string>());
        var byName = await TestAsync(admin, new { siteId = site, country = "germany" });
        Assert.Equal(Id(byCountry), Id(byName["exclusion"]!));
    }

    [Fact]
    public async Task The_test_box_says_when_a_sample_would_be_kept()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var shop = await CreateSiteAsync(admin, "Shop");
        var blog = await CreateSiteAsync(admin, "Blog");
        await CreateExclusionAsync(admin, "Page", "support/*.*", siteId: shop);
        await CreateExclusionAsync(admin, "Referrer", "spam", enabled: false);

        var result = await TestAsync(admin, new { siteId = blog, url = "/support/faq.htm", referrer = "https://spam.example/", userAgent = "Mozilla/5.0" });

        Assert.False(result["excluded"]!.GetValue<bool>());
        Assert.Null(result["exclusion"]);
    }

    [Fact]
    public async Task The_test_box_refuses_a_bad_address_an_unknown_country_and_a_site_of_another_workspace()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        using var other = await AdminOfNewWorkspaceAsync();
        var othersSite = await CreateSiteAsync(other, "Theirs");

        using var response = await admin.PostAsync("/api/exclusions/test", new { siteId = othersSite, ip = "10.1", country = "Atlantis", url = new string('u', 2049) });

        Assert.Equal(["country", "ip", "siteId", "url"], await ProblemFieldsAsync(response, HttpStatusCode.BadRequest));
        using var noSite = await admin.PostAsync("/api/exclusions/test", new { ip = "10.0.0.1" });
        Assert.Equal(["siteId"], await ProblemFieldsAsync(noSite, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_change_made_through_the_API_applies_to_the_next_event()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var site = await CreateSiteAsync(admin, "Shop");
        var policy = App.Services.GetRequiredService<IExclusionPolicy>();
        var pageView = new ExclusionSubject(admin.WorkspaceId!, site, "/private/a", IPAddress.Parse("10.0.0.1"), null, null, "FR", null);
        Assert.Null(await policy.MatchAsync(pageView, CancellationToken.None));

        var exclusion = await CreateExclusionAsync(admin, "Page", "private/*", siteId: site);
        Assert.Equal(new ExclusionMatch(Id(exclusion), "Page", "private/*"), await policy.MatchAsync(pageView, CancellationToken.None));

        using (var update = await admin.PutAsync($"/api/exclusions/{Id(exclusion)}", new { siteId = site, kind = "Country", pattern = "DE" }))
        {
            await ApiClient.ReadAsync(update, HttpStatusCode.OK);
        }
        Assert.Null(await policy.MatchAsync(pageView, CancellationToken.None));

        var byIp = await CreateExclusionAsync(admin, "Ip", "10.0.0.0/8");
        Assert.Equal(Id(byIp), (await policy.MatchAsync(pageView, CancellationToken.None))?.ExclusionId);
        using (var delete = await admin.DeleteAsync($"/api/exclusions/{Id(byIp)}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        Assert.Null(await policy.MatchAsync(pageView, CancellationToken.None));
    }

    [Fact]
    public async Task What_an_exclusion_left_out_at_ingestion_shows_in_its_hit_count_but_the_test_box_counts_nothing()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var site = await CreateSiteAsync(admin, "Shop");
        var exclusion = await CreateExclusionAsync(admin, "UserAgent", "HeadlessChrome");
        var policy = App.Services.GetRequiredService<IExclusionPolicy>();
        var pageView = new ExclusionSubject(admin.WorkspaceId!, site, "/", null, null, null, null, "Mozilla/5.0 HeadlessChrome/120");

        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await policy.MatchAsync(pageView, CancellationToken.None));
        }
        await TestAsync(admin, new { siteId = site, userAgent = "HeadlessChrome" });

        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonNode read;
        do
        {
            await Task.Delay(50);
            read = await GetAsync(admin, $"/api/exclusions/{Id(exclusion)}");
        }
        while (read["hitCount"]!.GetValue<long>() < 3 && DateTime.UtcNow < deadline);
        await Task.Delay(300);
        read = await GetAsync(admin, $"/api/exclusions/{Id(exclusion)}");
        Assert.Equal(3, read["hitCount"]!.GetValue<long>());
        Assert.InRange(read["lastHitAt"]!.GetValue<DateTimeOffset>(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
    }

    private static async Task<JsonNode> TestAsync(ApiClient client, object sample)
    {
        using var response = await client.PostAsync("/api/exclusions/test", sample);
        return await ApiClient.ReadAsync(response, HttpStatusCode.OK);
    }
}

public sealed class ExclusionTestApiOnSqlite(ExclusionsHostOnSqlite host) : ExclusionTestApiTests(host), IClassFixture<ExclusionsHostOnSqlite>;

public sealed class ExclusionTestApiOnPostgreSql(ExclusionsHostOnPostgreSql host) : ExclusionTestApiTests(host), IClassFixture<ExclusionsHostOnPostgreSql>;
