using System.Net;
using Lookout.Host.Testing;
using Lookout.Workspaces.Tests.Support;

namespace Lookout.Workspaces.Tests.Workspaces;

public abstract class WorkspacesTests(HostOnDatabase host) : WorkspacesApiTest(host)
{
    [Fact]
    public async Task By_default_only_installation_owners_create_workspaces()
    {
        var email = NewEmail("founder");
        using var owner = await App.SignInAsAdminAsync();
        await AddMemberAsync(owner, email, "Admin", "founder-password");
        using var founder = await SignInAsync(email, "founder-password");
        var before = (await GetAsync(founder, "/api/workspaces")).AsArray().Count;

        using var response = await founder.PostAsync("/api/workspaces", new { name = "Mine alone" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("installation owners", problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, (await GetAsync(founder, "/api/workspaces")).AsArray().Count);
        var session = await GetAsync(founder, "/api/workspaces/me");
        Assert.False(session["installationOwner"]!.GetValue<bool>());
        Assert.False(session["mayCreateWorkspaces"]!.GetValue<bool>());
        var ownerSession = await GetAsync(owner, "/api/workspaces/me");
        Assert.True(ownerSession["installationOwner"]!.GetValue<bool>());
        Assert.True(ownerSession["mayCreateWorkspaces"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Without_X_Workspace_Id_a_user_works_in_their_first_workspace()
    {
        var email = NewEmail("default");
        using var admin = await AdminOfNewWorkspaceAsync();
        await AddMemberAsync(admin, email, "SalesRep", "default-password");
        using var member = await SignInAsync(email, "default-password");
        using var later = await AdminOfNewWorkspaceAsync();
        using (var invited = await later.PostAsync("/api/workspaces/users", new { email, displayName = "Member", role = "Admin" }))
        using (var accepted = await member.PostAsync($"/api/workspaces/me/invitations/{Id(await ApiClient.ReadAsync(invited, HttpStatusCode.Accepted))}/accept", new { }))
        {
            await ApiClient.ReadAsync(accepted, HttpStatusCode.OK);
        }

        member.WorkspaceId = null;
        var users = await GetAsync(member, "/api/workspaces/users");

        Assert.Equal(2, users.AsArray().Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public async Task A_workspace_needs_a_name(string? name)
    {
        using var admin = await App.SignInAsAdminAsync();
        var before = (await GetAsync(admin, "/api/workspaces")).AsArray().Count;

        using var response = await admin.PostAsync("/api/workspaces", new { name });

        Assert.Equal(["name"], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
        Assert.Equal(before, (await GetAsync(admin, "/api/workspaces")).AsArray().Count);
    }
}

public sealed class WorkspacesOnSqlite(HostOnSqlite host) : WorkspacesTests(host), IClassFixture<HostOnSqlite>;

public sealed class WorkspacesOnPostgreSql(HostOnPostgreSql host) : WorkspacesTests(host), IClassFixture<HostOnPostgreSql>;

/// <summary>An installation where anyone may create workspaces (<c>Account:WhoMayCreateWorkspaces=AnyUser</c>).</summary>
public sealed class AnyUserMayCreateWorkspacesTests : IAsyncLifetime
{
    private LookoutApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await LookoutApp.StartAsync(settings: new Dictionary<string, string?> { ["Account:WhoMayCreateWorkspaces"] = "AnyUser" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_user_creates_a_second_workspace_and_switches_to_it_with_X_Workspace_Id()
    {
        var email = NewEmail("founder");
        using var admin = await _app.SignInAsAdminAsync();
        using (var added = await admin.PostAsync("/api/workspaces/users", new { email, displayName = "Founder", role = "Operator", password = "founder-password" }))
        {
            await ApiClient.ReadAsync(added, HttpStatusCode.Created);
        }
        using var founder = _app.CreateClient();
        await founder.SignInAsync(email, "founder-password");
        var firstWorkspace = founder.WorkspaceId!;
        using (var created = await founder.PostAsync("/api/workspaces/sites", new { name = "Not allowed here", timeZone = "Etc/UTC" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        }

        using var response = await founder.PostAsync("/api/workspaces", new { name = "  Side project  " });

        var workspace = await ApiClient.ReadAsync(response, HttpStatusCode.Created);
        Assert.Equal("Side project", workspace["name"]!.GetValue<string>());
        Assert.Equal("Admin", workspace["role"]!.GetValue<string>());
        var mine = (await GetAsync(founder, "/api/workspaces")).AsArray();
        Assert.Equal([(firstWorkspace, "Operator"), (Id(workspace), "Admin")], mine.Select(w => (Id(w!), w!["role"]!.GetValue<string>())));

        founder.WorkspaceId = Id(workspace);
        Assert.Empty((await GetAsync(founder, "/api/workspaces/sites")).AsArray());
        Assert.Equal([email], (await GetAsync(founder, "/api/workspaces/users")).AsArray().Select(u => u!["email"]!.GetValue<string>()));
        using (var created = await founder.PostAsync("/api/workspaces/sites", new { name = "Side site", timeZone = "Etc/UTC" }))
        {
            await ApiClient.ReadAsync(created, HttpStatusCode.Created);
        }
        Assert.Equal(["Side site"], (await GetAsync(founder, "/api/workspaces/sites")).AsArray().Select(s => s!["name"]!.GetValue<string>()));

        founder.WorkspaceId = firstWorkspace;
        Assert.DoesNotContain((await GetAsync(founder, "/api/workspaces/sites")).AsArray(), s => s!["name"]!.GetValue<string>() == "Side site");
    }

    private static string NewEmail(string name) => $"{name}.{Guid.NewGuid():N}@example.com";

    private static string Id(System.Text.Json.Nodes.JsonNode node) => node["id"]!.GetValue<string>();

    private static async Task<System.Text.Json.Nodes.JsonNode> GetAsync(ApiClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await ApiClient.ReadAsync(response, HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("Acme\u0000")]
    [InlineData("Acme \u202Egnp.exe")]
    [InlineData("Acme\u2066 Corp\u2069")]
    [InlineData("Acme\u2028Bcc: x@example.com")]
    [InlineData("Acme\nCorp")]
    public async Task A_workspace_name_with_control_bidi_or_separator_characters_is_refused_naming_name(string name)
    {
        using var admin = await _app.SignInAsAdminAsync();
        var before = (await GetAsync(admin, "/api/workspaces")).AsArray().Count;

        using var response = await admin.PostAsync("/api/workspaces", new { name });

        Assert.Equal(["name"], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
        Assert.Equal(before, (await GetAsync(admin, "/api/workspaces")).AsArray().Count);
    }

    [Fact]
    public async Task A_workspace_name_with_a_lone_surrogate_is_refused_naming_name()
    {
        using var admin = await _app.SignInAsAdminAsync();

        using var response = await admin.PostAsync("/api/workspaces", new StringContent("""{"name": "\ud800Acme"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(["name"], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
    }
}
