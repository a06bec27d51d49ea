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

/// <summary>Hosts of a cluster started at once on an empty database: the first start's setup happens once.</summary>
public sealed class HostsStartingTogetherTests
{
    [Fact]
    public async Task Three_hosts_starting_at_once_on_an_empty_PostgreSQL_database_set_it_up_once()
    {
        var hosts = await LookoutApp.StartTogetherAsync(3);
        try
        {
            await using var connection = await hosts[0].Services.GetRequiredService<LookoutDatabase>().OpenAsync(CancellationToken.None);
            Assert.Equal((1L, 1L, 1L), (await CountAsync(connection, "ws_workspaces"), await CountAsync(connection, "ws_users"), await CountAsync(connection, "ws_sites")));
            foreach (var host in hosts)
            {
                using var admin = await host.SignInAsAdminAsync();
                using var response = await admin.GetAsync("/api/workspaces");
                Assert.Single((await ApiClient.ReadAsync(response, System.Net.HttpStatusCode.OK)).AsArray());
            }
        }
        finally
        {
            foreach (var host in hosts.Reverse())
            {
                await host.DisposeAsync();
            }
        }
    }

    private static async Task<long> CountAsync(System.Data.Common.DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
