using System.Net;
using Lookout.Host.Testing;
using Lookout.Workspaces.Tests.Support;

namespace Lookout.Workspaces.Tests.Account;

public abstract class LoginTests(HostOnDatabase host) : WorkspacesApiTest(host)
{
    [Fact]
    public async Task Signing_in_with_the_right_password_returns_the_user_and_their_workspaces()
    {
        using var client = App.CreateClient();

        var session = await client.SignInAsync(LookoutApp.AdminEmail, LookoutApp.AdminPassword);

        Assert.Equal(LookoutApp.AdminEmail, session["user"]!["email"]!.GetValue<string>());
        Assert.Contains(session["workspaces"]!.AsArray(), w => w!["name"]!.GetValue<string>() == "My workspace" && w["role"]!.GetValue<string>() == "Admin");
    }

    [Theory]
    [InlineData(LookoutApp.AdminEmail, "wrong-password")]
    [InlineData("nobody@example.com", LookoutApp.AdminPassword)]
    public async Task A_wrong_password_or_unknown_email_is_refused_with_the_same_401(string email, string password)
    {
        using var client = App.CreateClient();

        using var response = await client.PostAsync("/api/workspaces/login", new { email, password });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Invalid email or password", problem["title"]!.GetValue<string>());
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("lookout.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Signing_in_without_email_and_password_names_both_fields()
    {
        using var client = App.CreateClient();

        using var response = await client.PostAsync("/api/workspaces/login", new { email = " ", password = "" });

        Assert.Equal(["email", "password"], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task Me_answers_401_before_signing_in_and_the_session_after()
    {
        using var client = App.CreateClient();
        using (var anonymous = await client.GetAsync("/api/workspaces/me"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        await client.SignInAsync(LookoutApp.AdminEmail, LookoutApp.AdminPassword);

        var me = await GetAsync(client, "/api/workspaces/me");
        Assert.Equal(LookoutApp.AdminEmail, me["user"]!["email"]!.GetValue<string>());
        Assert.Equal("Admin", me["user"]!["displayName"]!.GetValue<string>());
        Assert.NotEmpty(me["workspaces"]!.AsArray());
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = await App.SignInAsAdminAsync();

        using (var logout = await client.PostAsync("/api/workspaces/logout", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var me = await client.GetAsync("/api/workspaces/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        using var sites = await client.GetAsync("/api/workspaces/sites");
        Assert.Equal(HttpStatusCode.Unauthorized, sites.StatusCode);
    }
}

public sealed class LoginOnSqlite(HostOnSqlite host) : LoginTests(host), IClassFixture<HostOnSqlite>;

public sealed class LoginOnPostgreSql(HostOnPostgreSql host) : LoginTests(host), IClassFixture<HostOnPostgreSql>;
