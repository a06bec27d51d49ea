using System.Net;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;
using Lookout.Workspaces.Tests.Support;

namespace Lookout.Workspaces.Tests.Users;

public abstract class UsersTests(HostOnDatabase host) : WorkspacesApiTest(host)
{
    private const string Password = "a-long-enough-password";

    [Fact]
    public async Task A_user_added_without_a_password_signs_in_with_the_temporary_password_shown_once()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var email = NewEmail("olga");

        using var response = await admin.PostAsync("/api/workspaces/users", new { email, displayName = "Olga", role = "Operator" });

        var added = await ApiClient.ReadAsync(response, HttpStatusCode.Created);
        var temporaryPassword = added["temporaryPassword"]!.GetValue<string>();
        Assert.True(temporaryPassword.Length >= 12, temporaryPassword);
        Assert.Equal("Operator", added["user"]!["role"]!.GetValue<string>());
        using var olga = await SignInAsync(email, temporaryPassword);
        var me = await GetAsync(olga, "/api/workspaces/me");
        Assert.Equal("Olga", me["user"]!["displayName"]!.GetValue<string>());
        Assert.Equal([admin.WorkspaceId], me["workspaces"]!.AsArray().Select(w => Id(w!)));
        Assert.DoesNotContain(temporaryPassword, (await GetAsync(admin, "/api/workspaces/users")).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_added_with_a_chosen_password_signs_in_with_it_and_no_password_is_shown()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var email = NewEmail("sam");

        using var response = await admin.PostAsync("/api/workspaces/users", new { email, displayName = "Sam", role = "SalesRep", password = Password });

        var added = await ApiClient.ReadAsync(response, HttpStatusCode.Created);
        Assert.Null(added["temporaryPassword"]);
        using var sam = await SignInAsync(email, Password);
        Assert.Equal("SalesRep", (await GetAsync(sam, $"/api/workspaces/users/{Id(added["user"]!)}"))["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Adding_someone_who_is_already_a_member_is_refused_on_email()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var email = NewEmail("dup");
        await AddMemberAsync(admin, email, "Operator", Password);

        using var response = await admin.PostAsync("/api/workspaces/users", new { email = email.ToUpperInvariant(), displayName = "Again", role = "Admin" });

        Assert.Equal(["email"], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
        var member = Assert.Single((await GetAsync(admin, "/api/workspaces/users")).AsArray(), u => u!["email"]!.GetValue<string>() == email);
        Assert.Equal("Operator", member!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_user_of_another_workspace_is_invited_sees_nothing_changed_and_joins_when_they_accept()
    {
        using var first = await AdminOfNewWorkspaceAsync();
        using var second = await AdminOfNewWorkspaceAsync();
        var email = NewEmail("both");
        await AddMemberAsync(first, email, "Operator", Password);

        using var response = await second.PostAsync("/api/workspaces/users", new { email = email.ToUpperInvariant(), displayName = "Renamed by B", role = "SalesRep" });

        // The inviting workspace sees only the email it typed: no id, no display name, no password, no membership.
        var invitation = await ApiClient.ReadAsync(response, HttpStatusCode.Accepted);
        Assert.Equal(["email", "id", "invitedAt", "role"], invitation.AsObject().Select(p => p.Key).Order());
        Assert.Equal(email, invitation["email"]!.GetValue<string>());
        Assert.DoesNotContain((await GetAsync(second, "/api/workspaces/users")).AsArray(), u => u!["email"]!.GetValue<string>() == email);
        Assert.Equal([Id(invitation)], (await GetAsync(second, "/api/workspaces/invitations")).AsArray().Select(i => Id(i!)));
        using var invited = await SignInAsync(email, Password);
        Assert.Equal([first.WorkspaceId], (await GetAsync(invited, "/api/workspaces")).AsArray().Select(w => Id(w!)));
        var me = await GetAsync(invited, "/api/workspaces/me");
        Assert.NotEqual("Renamed by B", me["user"]!["displayName"]!.GetValue<string>());

        var received = (await GetAsync(invited, "/api/workspaces/me/invitations")).AsArray().Single()!;
        Assert.Equal(second.WorkspaceId, received["workspaceId"]!.GetValue<string>());
        Assert.Equal("SalesRep", received["role"]!.GetValue<string>());
        using var accept = await invited.PostAsync($"/api/workspaces/me/invitations/{Id(received)}/accept", new { });

        Assert.Equal(second.WorkspaceId, Id(await ApiClient.ReadAsync(accept, HttpStatusCode.OK)));
        var workspaces = (await GetAsync(invited, "/api/workspaces")).AsArray();
        Assert.Equal([first.WorkspaceId, second.WorkspaceId], workspaces.Select(w => Id(w!)));
        Assert.Equal(["Operator", "SalesRep"], workspaces.Select(w => w!["role"]!.GetValue<string>()));
        Assert.Empty((await GetAsync(second, "/api/workspaces/invitations")).AsArray());
    }

    [Fact]
    public async Task An_invitation_is_accepted_only_by_the_invited_account_and_can_be_declined_or_withdrawn()
    {
        using var first = await AdminOfNewWorkspaceAsync();
        using var second = await AdminOfNewWorkspaceAsync();
        var invitedEmail = NewEmail("invited");
        var otherEmail = NewEmail("other");
        await AddMemberAsync(first, invitedEmail, "Operator", Password);
        await AddMemberAsync(first, otherEmail, "Operator", Password);
        using var invite = await second.PostAsync("/api/workspaces/users", new { email = invitedEmail, displayName = "X", role = "Admin" });
        var invitation = await ApiClient.ReadAsync(invite, HttpStatusCode.Accepted);
        using var again = await second.PostAsync("/api/workspaces/users", new { email = invitedEmail, displayName = "X", role = "Admin" });
        Assert.Equal(["email"], Problem.Fields(await Problem.ReadAsync(again, HttpStatusCode.BadRequest)));

        using var other = await SignInAsync(otherEmail, Password);
        using var stolen = await other.PostAsync($"/api/workspaces/me/invitations/{Id(invitation)}/accept", new { });
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.Empty((await GetAsync(other, "/api/workspaces/me/invitations")).AsArray());

        using var invited = await SignInAsync(invitedEmail, Password);
        using var decline = await invited.PostAsync($"/api/workspaces/me/invitations/{Id(invitation)}/decline", new { });
        Assert.Equal(HttpStatusCode.NoContent, decline.StatusCode);
        Assert.Empty((await GetAsync(second, "/api/workspaces/invitations")).AsArray());

        using var reinvite = await second.PostAsync("/api/workspaces/users", new { email = invitedEmail, displayName = "X", role = "Admin" });
        var renewed = await ApiClient.ReadAsync(reinvite, HttpStatusCode.Accepted);
        using var withdraw = await second.DeleteAsync($"/api/workspaces/invitations/{Id(renewed)}");
        Assert.Equal(HttpStatusCode.NoContent, withdraw.StatusCode);
        using var late = await invited.PostAsync($"/api/workspaces/me/invitations/{Id(renewed)}/accept", new { });
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.Equal([first.WorkspaceId], (await GetAsync(invited, "/api/workspaces")).AsArray().Select(w => Id(w!)));
    }

    [Fact]
    public async Task A_workspace_Admin_changes_roles_but_only_the_user_or_an_installation_owner_changes_their_name()
    {
        using var owner = await AdminOfNewWorkspaceAsync();
        var adminEmail = NewEmail("ws-admin");
        await AddMemberAsync(owner, adminEmail, "Admin", Password);
        var member = await AddMemberAsync(owner, NewEmail("member"), "SalesRep", Password);
        using var admin = await SignInAsync(adminEmail, Password, owner.WorkspaceId);

        using var rename = await admin.PutAsync($"/api/workspaces/users/{Id(member)}", new { displayName = "Renamed", role = "Operator" });
        Assert.Equal(["displayName"], Problem.Fields(await Problem.ReadAsync(rename, HttpStatusCode.BadRequest)));
        using var promote = await admin.PutAsync($"/api/workspaces/users/{Id(member)}", new { role = "Operator" });
        Assert.Equal("Operator", (await ApiClient.ReadAsync(promote, HttpStatusCode.OK))["role"]!.GetValue<string>());

        using var ownerRename = await owner.PutAsync($"/api/workspaces/users/{Id(member)}", new { displayName = "By the owner", role = "Operator" });
        Assert.Equal("By the owner", (await ApiClient.ReadAsync(ownerRename, HttpStatusCode.OK))["displayName"]!.GetValue<string>());
        using var self = await admin.PutAsync("/api/workspaces/me/profile", new { displayName = "My own name" });
        Assert.Equal("My own name", (await ApiClient.ReadAsync(self, HttpStatusCode.OK))["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_user_changes_their_own_password_with_their_current_one()
    {
        using var owner = await AdminOfNewWorkspaceAsync();
        var email = NewEmail("password");
        await AddMemberAsync(owner, email, "SalesRep", Password);
        using var user = await SignInAsync(email, Password);

        using var wrong = await user.PutAsync("/api/workspaces/me/password", new { currentPassword = "not-it-at-all", newPassword = "short" });
        Assert.Equal(["currentPassword", "newPassword"], Problem.Fields(await Problem.ReadAsync(wrong, HttpStatusCode.BadRequest)));
        using var changed = await user.PutAsync("/api/workspaces/me/password", new { currentPassword = Password, newPassword = "a-new-password-1" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        using var again = await SignInAsync(email, "a-new-password-1");
        Assert.Equal(email, (await GetAsync(again, "/api/workspaces/me"))["user"]!["email"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Owner")]
    [InlineData("admin")]
    [InlineData("2")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_role_other_than_Admin_Operator_or_SalesRep_is_refused(string? role)
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var member = await AddMemberAsync(admin, NewEmail("role"), "Operator", Password);

        using var add = await admin.PostAsync("/api/workspaces/users", new { email = NewEmail("new"), displayName = "New", role });
        using var update = await admin.PutAsync($"/api/workspaces/users/{Id(member)}", new { displayName = "Member", role });

        Assert.Equal(["role"], Problem.Fields(await Problem.ReadAsync(add, HttpStatusCode.BadRequest)));
        Assert.Equal(["role"], Problem.Fields(await Problem.ReadAsync(update, HttpStatusCode.BadRequest)));
        Assert.Equal(2, (await GetAsync(admin, "/api/workspaces/users")).AsArray().Count);
    }

    [Fact]
    public async Task A_user_needs_a_valid_email_a_name_and_a_password_of_8_to_128_characters_if_one_is_given()
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        using var response = await admin.PostAsync("/api/workspaces/users", new { email = "not-an-email", displayName = "", role = "Operator", password = "short" });

        Assert.Equal(["displayName", "email", "password"], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
    }

    [Theory]
    [InlineData("ann@example.com\u2028bcc: eve@example.com", "Ann")]
    [InlineData("ann@example.com\r\nBcc: eve@example.com", "Ann")]
    [InlineData("Ann <ann@example.com>", "Ann")]
    [InlineData("ann@example.com", "Ann\u0000")]
    [InlineData("ann@example.com", "Ann \u202Enimda")]
    public async Task An_email_or_display_name_that_could_smuggle_text_is_refused_naming_the_field(string email, string displayName)
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        using var response = await admin.PostAsync("/api/workspaces/users", new { email, displayName, role = "Operator" });

        Assert.Equal([email == "ann@example.com" ? "displayName" : "email"], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task Changing_a_members_role_and_name_shows_in_the_list()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var member = await AddMemberAsync(admin, NewEmail("promote"), "SalesRep", Password);

        using var response = await admin.PutAsync($"/api/workspaces/users/{Id(member)}", new { displayName = "Promoted", role = "Admin" });

        Assert.Equal("Admin", (await ApiClient.ReadAsync(response, HttpStatusCode.OK))["role"]!.GetValue<string>());
        var listed = (await GetAsync(admin, "/api/workspaces/users")).AsArray().Single(u => Id(u!) == Id(member));
        Assert.Equal("Admin", listed!["role"]!.GetValue<string>());
        Assert.Equal("Promoted", listed["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_last_admin_cannot_be_demoted()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var me = await OnlyAdminAsync(admin);

        using var response = await admin.PutAsync($"/api/workspaces/users/{Id(me)}", new { displayName = "Admin", role = "Operator" });

        Assert.Equal(["role"], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
        Assert.Equal("Admin", (await OnlyAdminAsync(admin))["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_last_admin_cannot_be_removed()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var me = await OnlyAdminAsync(admin);

        using var response = await admin.DeleteAsync($"/api/workspaces/users/{Id(me)}");

        Assert.Equal("The workspace needs at least one Admin.", (await Problem.ReadAsync(response, HttpStatusCode.Conflict))["title"]!.GetValue<string>());
        Assert.Equal(Id(me), Id(await OnlyAdminAsync(admin)));
    }

    [Fact]
    public async Task An_admin_can_step_down_once_there_is_another_admin()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var me = await OnlyAdminAsync(admin);
        await AddMemberAsync(admin, NewEmail("second-admin"), "Admin", Password);

        using var response = await admin.PutAsync($"/api/workspaces/users/{Id(me)}", new { displayName = "Admin", role = "Operator" });

        Assert.Equal("Operator", (await ApiClient.ReadAsync(response, HttpStatusCode.OK))["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_removed_member_is_gone_from_the_workspace_and_can_no_longer_work_in_it()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var email = NewEmail("leaver");
        var member = await AddMemberAsync(admin, email, "Operator", Password);
        using var leaver = await SignInAsync(email, Password, admin.WorkspaceId);

        using (var response = await admin.DeleteAsync($"/api/workspaces/users/{Id(member)}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.DoesNotContain((await GetAsync(admin, "/api/workspaces/users")).AsArray(), u => Id(u!) == Id(member));
        using var read = await admin.GetAsync($"/api/workspaces/users/{Id(member)}");
        await Problem.ReadAsync(read, HttpStatusCode.NotFound);
        using var sites = await leaver.GetAsync("/api/workspaces/sites");
        await Problem.ReadAsync(sites, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Operator")]
    [InlineData("SalesRep")]
    public async Task Operators_and_sales_reps_can_read_sites_and_users_but_every_change_is_forbidden(string role)
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        using (var created = await admin.PostAsync("/api/workspaces/sites", new { name = "Shop", timeZone = "Etc/UTC" }))
        {
            await ApiClient.ReadAsync(created, HttpStatusCode.Created);
        }
        var email = NewEmail(role.ToLowerInvariant());
        var member = await AddMemberAsync(admin, email, role, Password);
        using var client = await SignInAsync(email, Password, admin.WorkspaceId);
        var siteId = Id((await GetAsync(client, "/api/workspaces/sites")).AsArray().Single()!);
        var adminId = Id(await OnlyAdminAsync(admin));
        await GetAsync(client, $"/api/workspaces/sites/{siteId}");
        await GetAsync(client, $"/api/workspaces/users/{adminId}");
        var sitesBefore = (await GetAsync(admin, "/api/workspaces/sites")).ToJsonString();
        var usersBefore = (await GetAsync(admin, "/api/workspaces/users")).ToJsonString();

        (HttpMethod Method, string Path, object? Body)[] changes =
        [
            (HttpMethod.Post, "/api/workspaces/sites", new { name = "Other", timeZone = "Etc/UTC" }),
            (HttpMethod.Put, $"/api/workspaces/sites/{siteId}", new { name = "Renamed", timeZone = "Etc/UTC" }),
            (HttpMethod.Delete, $"/api/workspaces/sites/{siteId}", null),
            (HttpMethod.Post, "/api/workspaces/users", new { email = NewEmail("friend"), displayName = "Friend", role = "Admin" }),
            (HttpMethod.Put, $"/api/workspaces/users/{Id(member)}", new { displayName = "Me", role = "Admin" }),
            (HttpMethod.Delete, $"/api/workspaces/users/{adminId}", null),
        ];
        foreach (var (method, path, body) in changes)
        {
            using var response = await client.SendAsync(method, path, body);
            Assert.Equal("This needs the Admin role in this workspace.", (await Problem.ReadAsync(response, HttpStatusCode.Forbidden))["title"]!.GetValue<string>());
        }

        Assert.Equal(sitesBefore, (await GetAsync(admin, "/api/workspaces/sites")).ToJsonString());
        Assert.Equal(usersBefore, (await GetAsync(admin, "/api/workspaces/users")).ToJsonString());
    }

    /// <summary>The workspace's only Admin (the signed-in admin in a new workspace).</summary>
    private static async Task<JsonNode> OnlyAdminAsync(ApiClient admin) =>
        (await GetAsync(admin, "/api/workspaces/users")).AsArray().Single(u => u!["role"]!.GetValue<string>() == "Admin")!;
}

public sealed class UsersOnSqlite(HostOnSqlite host) : UsersTests(host), IClassFixture<HostOnSqlite>;

public sealed class UsersOnPostgreSql(HostOnPostgreSql host) : UsersTests(host), IClassFixture<HostOnPostgreSql>;
