using System.Net;
using Lookout.Host.Testing;
using Lookout.Workspaces.Contracts;
using Lookout.Workspaces.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Workspaces.Tests.Workspaces;

public abstract class WorkspaceSettingsTests(HostOnDatabase host) : WorkspacesApiTest(host)
{
    [Fact]
    public async Task A_new_workspace_has_no_default_phone_region()
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        var settings = await GetAsync(admin, "/api/workspaces/settings");

        Assert.Equal(admin.WorkspaceId, Id(settings));
        Assert.Null(settings["defaultPhoneRegion"]);
        Assert.Equal(WorkspaceSettings.None, await App.Services.GetRequiredService<IWorkspaceSettings>().GetAsync(admin.WorkspaceId!, default));
    }

    [Fact]
    public async Task An_admin_sets_the_default_phone_region_in_any_case_and_other_modules_read_it_upper_case()
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        using var response = await admin.PutAsync("/api/workspaces/settings", new { defaultPhoneRegion = " gb " });

        Assert.Equal("GB", (await ApiClient.ReadAsync(response, HttpStatusCode.OK))["defaultPhoneRegion"]!.GetValue<string>());
        Assert.Equal("GB", (await GetAsync(admin, "/api/workspaces/settings"))["defaultPhoneRegion"]!.GetValue<string>());
        Assert.Equal(new WorkspaceSettings("GB"), await App.Services.GetRequiredService<IWorkspaceSettings>().GetAsync(admin.WorkspaceId!, default));
    }

    [Fact]
    public async Task A_body_without_the_region_changes_nothing_and_is_refused_naming_defaultPhoneRegion()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        (await admin.PutAsync("/api/workspaces/settings", new { defaultPhoneRegion = "FR" })).Dispose();

        using var response = await admin.PutAsync("/api/workspaces/settings", new { });

        Assert.Equal(["defaultPhoneRegion"], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
        Assert.Equal("FR", (await GetAsync(admin, "/api/workspaces/settings"))["defaultPhoneRegion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_blank_region_clears_the_setting()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        (await admin.PutAsync("/api/workspaces/settings", new { defaultPhoneRegion = "FR" })).Dispose();

        using var response = await admin.PutAsync("/api/workspaces/settings", new { defaultPhoneRegion = "" });

        Assert.Null((await ApiClient.ReadAsync(response, HttpStatusCode.OK))["defaultPhoneRegion"]);
    }

    [Theory]
    [InlineData("ZZ")]
    [InlineData("UK")]
    [InlineData("GBR")]
    [InlineData("44")]
    [InlineData("G\u0000")]
    public async Task A_region_without_a_numbering_plan_is_refused_naming_defaultPhoneRegion(string region)
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        (await admin.PutAsync("/api/workspaces/settings", new { defaultPhoneRegion = "DE" })).Dispose();

        using var response = await admin.PutAsync("/api/workspaces/settings", new { defaultPhoneRegion = region });

        Assert.Equal(["defaultPhoneRegion"], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
        Assert.Equal("DE", (await GetAsync(admin, "/api/workspaces/settings"))["defaultPhoneRegion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Members_read_the_settings_but_only_admins_change_them_and_only_in_their_own_workspace()
    {
        var email = NewEmail("rep");
        var outsider = NewEmail("outsider");
        using var admin = await AdminOfNewWorkspaceAsync();
        await AddMemberAsync(admin, email, "SalesRep", "rep-password");
        using var rep = await SignInAsync(email, "rep-password", admin.WorkspaceId);
        using (var otherWorkspace = await AdminOfNewWorkspaceAsync())
        {
            await AddMemberAsync(otherWorkspace, outsider, "Admin", "outsider-password");
        }
        using var other = await SignInAsync(outsider, "outsider-password", admin.WorkspaceId);
        (await admin.PutAsync("/api/workspaces/settings", new { defaultPhoneRegion = "SE" })).Dispose();

        using var changedByRep = await rep.PutAsync("/api/workspaces/settings", new { defaultPhoneRegion = "US" });
        using var changedByOther = await other.PutAsync("/api/workspaces/settings", new { defaultPhoneRegion = "US" });

        Assert.Equal(HttpStatusCode.Forbidden, changedByRep.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, changedByOther.StatusCode);
        Assert.Equal("SE", (await GetAsync(rep, "/api/workspaces/settings"))["defaultPhoneRegion"]!.GetValue<string>());
    }
}

public sealed class WorkspaceSettingsOnSqlite(HostOnSqlite host) : WorkspaceSettingsTests(host), IClassFixture<HostOnSqlite>;

public sealed class WorkspaceSettingsOnPostgreSql(HostOnPostgreSql host) : WorkspaceSettingsTests(host), IClassFixture<HostOnPostgreSql>;
