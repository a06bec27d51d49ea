using System.Net;
using Lookout.Host.Testing;
using Lookout.Testing;

namespace Lookout.Host.Tests.Api;

/// <summary>
/// The Orleans Dashboard at /admin/orleans sees every workspace's grains: its page, assets and data are for the
/// installation owners (Admins of the first workspace) alone.
/// </summary>
public sealed class OrleansDashboardTests(HostApp host) : IClassFixture<HostApp>
{
    private const string Password = "dashboard-password-1";

    /// <summary>The dashboard's page, a script it loads and the data its page polls.</summary>
    private static readonly string[] DashboardPaths = ["/admin/orleans/", "/admin/orleans/index.min.js", "/admin/orleans/DashboardCounters"];

    public static TheoryData<string> Paths => new(DashboardPaths);

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Anonymous_callers_are_answered_401_without_a_redirect(string path)
    {
        using var anonymous = host.App.CreateClient();

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("SalesRep")]
    [InlineData("Operator")]
    [InlineData("Admin")]
    public async Task A_member_of_the_first_workspace_who_is_no_installation_owner_is_answered_403(string role)
    {
        using var member = await MemberOfFirstWorkspaceAsync(role);

        foreach (var path in DashboardPaths)
        {
            using var response = await member.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_Admin_of_another_workspace_is_answered_403()
    {
        using var owner = await host.App.AdminOfNewWorkspaceAsync();
        var email = $"rival.{Guid.NewGuid():N}@example.com";
        using (var created = await owner.PostAsync("/api/workspaces/users", new { email, displayName = "Rival", role = "Admin", password = Password }))
        {
            await ApiClient.ReadAsync(created, HttpStatusCode.Created);
        }
        using var rival = host.App.CreateClient();
        rival.WorkspaceId = owner.WorkspaceId;
        await rival.SignInAsync(email, Password);

        using var response = await rival.GetAsync("/admin/orleans/DashboardCounters");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_installation_owner_gets_the_page_its_assets_and_the_cluster_s_counters()
    {
        using var owner = await host.App.SignInAsAdminAsync();

        using (var page = await owner.GetAsync("/admin/orleans/"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }
        using (var script = await owner.GetAsync("/admin/orleans/index.min.js"))
        {
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }
        // The counters fill in once the silo has reported to the dashboard (every second).
        await Eventually.TrueAsync(
            async () =>
            {
                using var counters = await owner.GetAsync("/admin/orleans/DashboardCounters");
                return counters.StatusCode == HttpStatusCode.OK
                    && (await ApiClient.ReadAsync(counters, HttpStatusCode.OK))["totalActiveHostCount"]?.GetValue<int>() == 1;
            },
            "the dashboard counts one active host");
    }

    [Fact]
    public async Task The_first_run_admin_is_an_installation_owner()
    {
        using var admin = await host.App.SignInAsAdminAsync();

        using var response = await admin.GetAsync("/admin/orleans/DashboardCounters");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A new user with <paramref name="role"/> in the first workspace, signed in.</summary>
    private async Task<ApiClient> MemberOfFirstWorkspaceAsync(string role)
    {
        using var admin = await host.App.SignInAsAdminAsync();
        var email = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@example.com";
        using (var created = await admin.PostAsync("/api/workspaces/users", new { email, displayName = role, role, password = Password }))
        {
            await ApiClient.ReadAsync(created, HttpStatusCode.Created);
        }
        var member = host.App.CreateClient();
        await member.SignInAsync(email, Password);
        return member;
    }
}
