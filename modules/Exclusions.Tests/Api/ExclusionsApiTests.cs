using System.Net;
using System.Text.Json.Nodes;
using Lookout.Exclusions.Tests.Support;
using Lookout.Host.Testing;

namespace Lookout.Exclusions.Tests.Api;

public abstract class ExclusionsApiTests(ExclusionsHost host) : ExclusionsApiTest(host)
{
    [Fact]
    public async Task A_new_exclusion_is_read_back_and_listed_with_no_hits_yet()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var site = await CreateSiteAsync(admin, "Shop");

        var created = await CreateExclusionAsync(admin, "page", "  support/*.*; hidden*.htm ", siteId: site, note: "Help pages");

        var read = await GetAsync(admin, $"/api/exclusions/{Id(created)}");
        var listed = Assert.Single((await GetAsync(admin, "/api/exclusions")).AsArray())!;
        foreach (var exclusion in new[] { created, read, listed })
        {
            Assert.Equal(site, exclusion["siteId"]!.GetValue<string>());
            Assert.Equal("Page", exclusion["kind"]!.GetValue<string>());
            Assert.Equal("support/*.*; hidden*.htm", exclusion["pattern"]!.GetValue<string>());
            Assert.Equal("Help pages", exclusion["note"]!.GetValue<string>());
            Assert.True(exclusion["enabled"]!.GetValue<bool>());
            Assert.Equal(0, exclusion["hitCount"]!.GetValue<long>());
            Assert.Null(exclusion["lastHitAt"]);
        }
    }

    [Fact]
    public async Task An_exclusion_without_a_site_applies_to_all_sites()
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        var created = await CreateExclusionAsync(admin, "Ip", "192.168.*", enabled: false);

        Assert.Null(created["siteId"]);
        Assert.False(created["enabled"]!.GetValue<bool>());
        Assert.Equal("", created["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_by_site_shows_the_site_s_own_exclusions_and_the_workspace_wide_ones()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var shop = await CreateSiteAsync(admin, "Shop");
        var blog = await CreateSiteAsync(admin, "Blog");
        var everywhere = await CreateExclusionAsync(admin, "Country", "RU");
        var shopOnly = await CreateExclusionAsync(admin, "Page", "checkout/*", siteId: shop);
        var blogOnly = await CreateExclusionAsync(admin, "Page", "drafts/*", siteId: blog);

        Assert.Equal([Id(everywhere), Id(shopOnly)], Ids(await GetAsync(admin, $"/api/exclusions?siteId={shop}")));
        Assert.Equal([Id(everywhere), Id(blogOnly)], Ids(await GetAsync(admin, $"/api/exclusions?siteId={blog}")));
        Assert.Equal([Id(everywhere), Id(shopOnly), Id(blogOnly)], Ids(await GetAsync(admin, "/api/exclusions")));
    }

    [Fact]
    public async Task Updating_an_exclusion_replaces_its_kind_pattern_scope_note_and_state()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var site = await CreateSiteAsync(admin, "Shop");
        var exclusion = await CreateExclusionAsync(admin, "Page", "admin/*", siteId: site, note: "Back office");

        using var response = await admin.PutAsync($"/api/exclusions/{Id(exclusion)}", new { kind = "Country", pattern = "France; DE", note = "Home markets", enabled = false });

        var updated = await ApiClient.ReadAsync(response, HttpStatusCode.OK);
        var read = await GetAsync(admin, $"/api/exclusions/{Id(exclusion)}");
        foreach (var e in new[] { updated, read })
        {
            Assert.Null(e["siteId"]);
            Assert.Equal("Country", e["kind"]!.GetValue<string>());
            Assert.Equal("France; DE", e["pattern"]!.GetValue<string>());
            Assert.Equal("Home markets", e["note"]!.GetValue<string>());
            Assert.False(e["enabled"]!.GetValue<bool>());
        }
    }

    [Fact]
    public async Task A_deleted_exclusion_is_gone_from_the_list_and_answers_404()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var kept = await CreateExclusionAsync(admin, "Ip", "10.0.0.0/8");
        var deleted = await CreateExclusionAsync(admin, "Ip", "192.168.*");

        using (var response = await admin.DeleteAsync($"/api/exclusions/{Id(deleted)}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal([Id(kept)], Ids(await GetAsync(admin, "/api/exclusions")));
        using var read = await admin.GetAsync($"/api/exclusions/{Id(deleted)}");
        await ProblemFieldsAsync(read, HttpStatusCode.NotFound);
        using var again = await admin.DeleteAsync($"/api/exclusions/{Id(deleted)}");
        await ProblemFieldsAsync(again, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Ip", "10.0.0.0/33")]
    [InlineData("Ip", "2001:db8::/200")]
    [InlineData("Ip", "10.0.0.0/8; not-an-ip")]
    [InlineData("Country", "France; Atlantis")]
    [InlineData("Page", "a.htm;;b.htm")]
    [InlineData("Referrer", "spam;")]
    [InlineData("UserAgent", "")]
    [InlineData("SearchKeywords", null)]
    public async Task A_bad_pattern_is_refused_naming_the_pattern(string kind, string? pattern)
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        using var response = await admin.PostAsync("/api/exclusions", new { kind, pattern });

        Assert.Equal(["pattern"], await ProblemFieldsAsync(response, HttpStatusCode.BadRequest));
        Assert.Empty((await GetAsync(admin, "/api/exclusions")).AsArray());
    }

    [Fact]
    public async Task A_pattern_over_4000_characters_or_a_note_over_500_is_refused()
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        using var response = await admin.PostAsync("/api/exclusions", new { kind = "Page", pattern = new string('a', 4001), note = new string('n', 501) });

        Assert.Equal(["note", "pattern"], await ProblemFieldsAsync(response, HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Host")]
    [InlineData("2")]
    public async Task An_unknown_kind_is_refused_naming_the_kind(string? kind)
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        using var response = await admin.PostAsync("/api/exclusions", new { kind, pattern = "anything" });

        Assert.Equal(["kind"], await ProblemFieldsAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_site_that_is_unknown_or_of_another_workspace_is_refused_naming_the_site()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        using var other = await AdminOfNewWorkspaceAsync();
        var othersSite = await CreateSiteAsync(other, "Theirs");
        var exclusion = await CreateExclusionAsync(admin, "Ip", "10.0.0.0/8");

        foreach (var siteId in new[] { othersSite, "no-such-site" })
        {
            using var create = await admin.PostAsync("/api/exclusions", new { siteId, kind = "Ip", pattern = "10.0.0.0/8" });
            Assert.Equal(["siteId"], await ProblemFieldsAsync(create, HttpStatusCode.BadRequest));
            using var update = await admin.PutAsync($"/api/exclusions/{Id(exclusion)}", new { siteId, kind = "Ip", pattern = "10.0.0.0/8" });
            Assert.Equal(["siteId"], await ProblemFieldsAsync(update, HttpStatusCode.BadRequest));
            using var list = await admin.GetAsync($"/api/exclusions?siteId={siteId}");
            await ProblemFieldsAsync(list, HttpStatusCode.NotFound);
        }
        Assert.Null((await GetAsync(admin, $"/api/exclusions/{Id(exclusion)}"))["siteId"]);
    }

    [Fact]
    public async Task Another_workspace_s_exclusions_cannot_be_seen_or_changed()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        using var other = await AdminOfNewWorkspaceAsync();
        var theirs = await CreateExclusionAsync(other, "Country", "FR");

        using (var read = await admin.GetAsync($"/api/exclusions/{Id(theirs)}"))
        {
            await ProblemFieldsAsync(read, HttpStatusCode.NotFound);
        }
        using (var update = await admin.PutAsync($"/api/exclusions/{Id(theirs)}", new { kind = "Country", pattern = "DE" }))
        {
            await ProblemFieldsAsync(update, HttpStatusCode.NotFound);
        }
        using (var delete = await admin.DeleteAsync($"/api/exclusions/{Id(theirs)}"))
        {
            await ProblemFieldsAsync(delete, HttpStatusCode.NotFound);
        }
        Assert.Empty((await GetAsync(admin, "/api/exclusions")).AsArray());
        var unchanged = await GetAsync(other, $"/api/exclusions/{Id(theirs)}");
        Assert.Equal("FR", unchanged["pattern"]!.GetValue<string>());
    }

    [Fact]
    public async Task Members_who_are_not_admins_can_read_and_test_exclusions_but_not_change_them()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var site = await CreateSiteAsync(admin, "Shop");
        var exclusion = await CreateExclusionAsync(admin, "Ip", "10.0.0.0/8");
        var email = $"rep.{Guid.NewGuid():N}@example.com";
        using (var added = await admin.PostAsync("/api/workspaces/users", new { email, displayName = "Rep", role = "SalesRep", password = "sales-rep-password" }))
        {
            await ApiClient.ReadAsync(added, HttpStatusCode.Created);
        }
        using var rep = App.CreateClient();
        rep.WorkspaceId = admin.WorkspaceId;
        await rep.SignInAsync(email, "sales-rep-password");

        Assert.Equal([Id(exclusion)], Ids(await GetAsync(rep, "/api/exclusions")));
        using (var test = await rep.PostAsync("/api/exclusions/test", new { siteId = site, ip = "10.1.2.3" }))
        {
            Assert.True((await ApiClient.ReadAsync(test, HttpStatusCode.OK))["excluded"]!.GetValue<bool>());
        }
        using (var create = await rep.PostAsync("/api/exclusions", new { kind = "Ip", pattern = "8.8.8.8" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        }
        using (var update = await rep.PutAsync($"/api/exclusions/{Id(exclusion)}", new { kind = "Ip", pattern = "8.8.8.8" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
        }
        using (var delete = await rep.DeleteAsync($"/api/exclusions/{Id(exclusion)}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        }
        Assert.Equal("10.0.0.0/8", (await GetAsync(admin, $"/api/exclusions/{Id(exclusion)}"))["pattern"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_countries_a_pattern_can_name_are_listed_with_code_and_name()
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        var countries = (await GetAsync(admin, "/api/exclusions/countries")).AsArray();

        Assert.Equal(249, countries.Count);
        Assert.Contains(countries, c => c!["code"]!.GetValue<string>() == "CI" && c["name"]!.GetValue<string>() == "Côte d'Ivoire");
    }
}

public sealed class ExclusionsApiOnSqlite(ExclusionsHostOnSqlite host) : ExclusionsApiTests(host), IClassFixture<ExclusionsHostOnSqlite>;

public sealed class ExclusionsApiOnPostgreSql(ExclusionsHostOnPostgreSql host) : ExclusionsApiTests(host), IClassFixture<ExclusionsHostOnPostgreSql>;
