using System.Net;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;
using Lookout.Workspaces.Tests.Support;

namespace Lookout.Workspaces.Tests.Sites;

public abstract class SitesTests(HostOnDatabase host) : WorkspacesApiTest(host)
{
    [Fact]
    public async Task A_new_site_gets_a_site_key_and_a_snippet_that_loads_lookout_js_with_that_key()
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        using var response = await admin.PostAsync("/api/workspaces/sites", new { name = "Shop", allowedOrigins = new[] { "https://shop.example.com" }, timeZone = "Europe/Paris" });

        var site = await ApiClient.ReadAsync(response, HttpStatusCode.Created);
        var key = site["siteKey"]!.GetValue<string>();
        Assert.Matches("^[a-z0-9]{20}$", key);
        Assert.Equal($"<script async src=\"{App.BaseAddress.GetLeftPart(UriPartial.Authority)}/lookout.js\" data-site=\"{key}\"></script>", site["snippet"]!.GetValue<string>());
        Assert.Equal($"/api/workspaces/sites/{Id(site)}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_new_site_is_listed_and_read_back_with_its_origins_normalized()
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        var created = await CreateSiteAsync(admin, "Shop", ["HTTPS://Shop.Example.com/", "http://localhost:8080", "https://shop.example.com"], "America/New_York");

        var listed = Assert.Single((await GetAsync(admin, "/api/workspaces/sites")).AsArray());
        var read = await GetAsync(admin, $"/api/workspaces/sites/{Id(created)}");
        foreach (var site in new[] { created, listed!, read })
        {
            Assert.Equal("Shop", site["name"]!.GetValue<string>());
            Assert.Equal(["https://shop.example.com", "http://localhost:8080"], Origins(site));
            Assert.Equal("America/New_York", site["timeZone"]!.GetValue<string>());
            Assert.Equal(created["siteKey"]!.GetValue<string>(), site["siteKey"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Updating_a_site_changes_its_name_origins_and_time_zone_but_keeps_its_key()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var site = await CreateSiteAsync(admin, "Shop", ["https://shop.example.com"], "Europe/Paris");

        using var response = await admin.PutAsync($"/api/workspaces/sites/{Id(site)}", new { name = "Store", allowedOrigins = new[] { "https://store.example.com" }, timeZone = "Asia/Tokyo" });

        await ApiClient.ReadAsync(response, HttpStatusCode.OK);
        var read = await GetAsync(admin, $"/api/workspaces/sites/{Id(site)}");
        Assert.Equal("Store", read["name"]!.GetValue<string>());
        Assert.Equal(["https://store.example.com"], Origins(read));
        Assert.Equal("Asia/Tokyo", read["timeZone"]!.GetValue<string>());
        Assert.Equal(site["siteKey"]!.GetValue<string>(), read["siteKey"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deleted_site_is_gone_from_the_list_and_answers_404()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var kept = await CreateSiteAsync(admin, "Kept", [], "Etc/UTC");
        var deleted = await CreateSiteAsync(admin, "Deleted", [], "Etc/UTC");

        using (var response = await admin.DeleteAsync($"/api/workspaces/sites/{Id(deleted)}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal([Id(kept)], (await GetAsync(admin, "/api/workspaces/sites")).AsArray().Select(s => Id(s!)));
        using var read = await admin.GetAsync($"/api/workspaces/sites/{Id(deleted)}");
        await Problem.ReadAsync(read, HttpStatusCode.NotFound);
        using var again = await admin.DeleteAsync($"/api/workspaces/sites/{Id(deleted)}");
        await Problem.ReadAsync(again, HttpStatusCode.NotFound);
    }

    public static TheoryData<string?> BadNames => [null, "", "   ", new string('a', 201)];

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_site_needs_a_name_of_at_most_200_characters(string? name)
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        using var response = await admin.PostAsync("/api/workspaces/sites", new { name, timeZone = "Etc/UTC" });

        Assert.Equal(["name"], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
        Assert.Empty((await GetAsync(admin, "/api/workspaces/sites")).AsArray());
    }

    [Theory]
    [InlineData("Shop\u0000")]
    [InlineData("Shop \u202Eevil")]
    [InlineData("Shop\u2029")]
    public async Task A_site_name_with_control_bidi_or_separator_characters_is_refused_naming_name(string name)
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        using var response = await admin.PostAsync("/api/workspaces/sites", new { name, timeZone = "Etc/UTC" });

        Assert.Equal(["name"], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
        Assert.Empty((await GetAsync(admin, "/api/workspaces/sites")).AsArray());
    }

    [Fact]
    public async Task Each_allowed_origin_that_is_not_an_origin_is_named_by_its_position()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        string[] origins = ["https://ok.example.com", "ftp://files.example.com", "https://shop.example.com/path", "not a url", "https://user@example.com", "http://ok.example.com:8080"];

        using var response = await admin.PostAsync("/api/workspaces/sites", new { name = "Shop", allowedOrigins = origins, timeZone = "Etc/UTC" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["allowedOrigins[1]", "allowedOrigins[2]", "allowedOrigins[3]", "allowedOrigins[4]"], Problem.Fields(problem));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("")]
    public async Task A_time_zone_that_is_not_an_IANA_id_is_refused(string timeZone)
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        using var response = await admin.PostAsync("/api/workspaces/sites", new { name = "Shop", timeZone });

        Assert.Equal(["timeZone"], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task A_refused_update_leaves_the_site_as_it_was()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var site = await CreateSiteAsync(admin, "Shop", ["https://shop.example.com"], "Europe/Paris");

        using var response = await admin.PutAsync($"/api/workspaces/sites/{Id(site)}", new { name = "", allowedOrigins = new[] { "nope" }, timeZone = "Nowhere/Land" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["allowedOrigins[0]", "name", "timeZone"], Problem.Fields(problem));
        var read = await GetAsync(admin, $"/api/workspaces/sites/{Id(site)}");
        Assert.Equal("Shop", read["name"]!.GetValue<string>());
        Assert.Equal(["https://shop.example.com"], Origins(read));
        Assert.Equal("Europe/Paris", read["timeZone"]!.GetValue<string>());
    }

    private static async Task<JsonNode> CreateSiteAsync(ApiClient admin, string name, string[] allowedOrigins, string timeZone)
    {
        using var response = await admin.PostAsync("/api/workspaces/sites", new { name, allowedOrigins, timeZone });
        return await ApiClient.ReadAsync(response, HttpStatusCode.Created);
    }

    private static IEnumerable<string> Origins(JsonNode site) => site["allowedOrigins"]!.AsArray().Select(o => o!.GetValue<string>());
}

public sealed class SitesOnSqlite(HostOnSqlite host) : SitesTests(host), IClassFixture<HostOnSqlite>;

public sealed class SitesOnPostgreSql(HostOnPostgreSql host) : SitesTests(host), IClassFixture<HostOnPostgreSql>;
