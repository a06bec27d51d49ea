using Lookout.Host.Testing;
using Lookout.Kernel.Storage;
using Lookout.Workspaces.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Workspaces.Tests.Account;

public abstract class FirstRunTests(HostOnDatabase host) : WorkspacesApiTest(host)
{
    [Fact]
    public async Task The_first_start_creates_My_workspace_with_My_site_and_the_admin()
    {
        using var admin = await App.SignInAsAdminAsync();

        await AssertFirstRunDataAsync(admin);
    }

    [Fact]
    public async Task Starting_again_on_the_same_database_creates_nothing_new()
    {
        var connectionString = App.Services.GetRequiredService<IConfiguration>().GetConnectionString("Lookout");
        await using var again = await LookoutApp.StartAsync(App.Dialect, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Lookout"] = connectionString,
            ["LOOKOUT_ADMIN_PASSWORD"] = "a-different-password",
        });

        using var admin = again.CreateClient();
        await admin.SignInAsync(LookoutApp.AdminEmail, LookoutApp.AdminPassword);
        await AssertFirstRunDataAsync(admin);
    }

    private static async Task AssertFirstRunDataAsync(ApiClient admin)
    {
        var workspace = Assert.Single((await GetAsync(admin, "/api/workspaces")).AsArray())!;
        Assert.Equal(("My workspace", "Admin"), (workspace["name"]!.GetValue<string>(), workspace["role"]!.GetValue<string>()));
        var site = Assert.Single((await GetAsync(admin, "/api/workspaces/sites")).AsArray())!;
        Assert.Equal("My site", site["name"]!.GetValue<string>());
        Assert.Contains($"data-site=\"{site["siteKey"]!.GetValue<string>()}\"", site["snippet"]!.GetValue<string>(), StringComparison.Ordinal);
        var user = Assert.Single((await GetAsync(admin, "/api/workspaces/users")).AsArray())!;
        Assert.Equal((LookoutApp.AdminEmail, "Admin"), (user["email"]!.GetValue<string>(), user["role"]!.GetValue<string>()));
    }
}

public sealed class FirstRunOnSqlite(HostOnSqlite host) : FirstRunTests(host), IClassFixture<HostOnSqlite>;

public sealed class FirstRunOnPostgreSql(HostOnPostgreSql host) : FirstRunTests(host), IClassFixture<HostOnPostgreSql>;
