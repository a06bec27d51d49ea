using System.Net;
using Lookout.Host.Testing;
using Lookout.Plugins;
using Lookout.Workspaces.Contracts;
using Lookout.Workspaces.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Workspaces.Tests.Users;

public abstract class PreferencesTests(HostOnDatabase host) : WorkspacesApiTest(host)
{
    private const string Password = "a-long-enough-password";

    /// <summary>A member of a new workspace, signed in; users are global, so each test needs one of its own.</summary>
    private async Task<(ApiClient Admin, ApiClient User, string UserId)> NewUserAsync()
    {
        var admin = await AdminOfNewWorkspaceAsync();
        var email = NewEmail("pref");
        var member = await AddMemberAsync(admin, email, "SalesRep", Password);
        return (admin, await SignInAsync(email, Password, admin.WorkspaceId), Id(member));
    }

    [Fact]
    public async Task A_new_user_has_chosen_no_time_zone_or_CSV_preference()
    {
        var (admin, user, _) = await NewUserAsync();
        using (admin)
        using (user)
        {
            var preferences = await GetAsync(user, "/api/workspaces/me/preferences");

            Assert.Null(preferences["timeZone"]);
            Assert.Null(preferences["csv"]);
        }
    }

    [Fact]
    public async Task A_user_sets_their_own_time_zone_and_CSV_preference_and_other_modules_see_them_in_every_workspace()
    {
        var (admin, user, userId) = await NewUserAsync();
        using (admin)
        using (user)
        {
            using var secondWorkspace = await AdminOfNewWorkspaceAsync();
            using (var invited = await secondWorkspace.PostAsync("/api/workspaces/users", new { email = (await GetAsync(user, "/api/workspaces/me"))["user"]!["email"]!.GetValue<string>(), displayName = "Member", role = "Operator" }))
            using (var accepted = await user.PostAsync($"/api/workspaces/me/invitations/{(await ApiClient.ReadAsync(invited, HttpStatusCode.Accepted))["id"]!.GetValue<string>()}/accept", new { }))
            {
                await ApiClient.ReadAsync(accepted, HttpStatusCode.OK);
            }

            using var response = await user.PutAsync("/api/workspaces/me/preferences", new
            {
                timeZone = "America/Sao_Paulo",
                csv = new { delimiter = "\t", header = false, dateFormat = "dd/MM/yyyy HH:mm", encoding = "utf-8-bom" },
            });

            var saved = await ApiClient.ReadAsync(response, HttpStatusCode.OK);
            Assert.Equal("America/Sao_Paulo", saved["timeZone"]!.GetValue<string>());
            var read = await GetAsync(user, "/api/workspaces/me/preferences");
            Assert.Equal(saved.ToJsonString(), read.ToJsonString());
            Assert.Equal("\t", read["csv"]!["delimiter"]!.GetValue<string>());
            var directory = App.Services.GetRequiredService<IUserDirectory>();
            (string?, CsvPreference?) expected = ("America/Sao_Paulo", new CsvPreference("\t", false, "dd/MM/yyyy HH:mm", "utf-8-bom"));
            var inFirst = Assert.Single(await directory.MembersAsync(admin.WorkspaceId!, CancellationToken.None), m => m.Id == userId);
            var inSecond = Assert.Single(await directory.MembersAsync(secondWorkspace.WorkspaceId!, CancellationToken.None), m => m.Id == userId);
            Assert.Equal(expected, (inFirst.TimeZone, inFirst.Csv));
            Assert.Equal(expected, (inSecond.TimeZone, inSecond.Csv));
            var own = await directory.PreferencesAsync(userId, CancellationToken.None);
            Assert.Equal(expected, (own.TimeZone, own.Csv));
        }
    }

    [Fact]
    public async Task Left_out_CSV_fields_take_the_default_and_a_blank_time_zone_clears_the_choice()
    {
        var (admin, user, _) = await NewUserAsync();
        using (admin)
        using (user)
        {
            using (var first = await user.PutAsync("/api/workspaces/me/preferences", new { timeZone = "Europe/Berlin", csv = new { delimiter = ";" } }))
            {
                var saved = await ApiClient.ReadAsync(first, HttpStatusCode.OK);
                Assert.Equal((";", true, CsvPreference.IsoDateFormat, "utf-8"), (
                    saved["csv"]!["delimiter"]!.GetValue<string>(), saved["csv"]!["header"]!.GetValue<bool>(),
                    saved["csv"]!["dateFormat"]!.GetValue<string>(), saved["csv"]!["encoding"]!.GetValue<string>()));
            }

            using (var cleared = await user.PutAsync("/api/workspaces/me/preferences", new { timeZone = "", csv = new { } }))
            {
                await ApiClient.ReadAsync(cleared, HttpStatusCode.OK);
            }

            var read = await GetAsync(user, "/api/workspaces/me/preferences");
            Assert.Null(read["timeZone"]);
            Assert.Equal(",", read["csv"]!["delimiter"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("""{"timeZone":"Mars/Olympus_Mons","csv":{}}""", "timeZone")]
    [InlineData("""{"timeZone":"Europe/Paris"}""", "csv")]
    [InlineData("""{"timeZone":"Europe/Paris","csv":{"delimiter":"|"}}""", "csv.delimiter")]
    [InlineData("""{"csv":{"dateFormat":"HH:mm"}}""", "csv.dateFormat")]
    [InlineData("""{"csv":{"encoding":"latin1"}}""", "csv.encoding")]
    public async Task A_bad_preference_is_refused_naming_the_field_and_nothing_changes(string body, string field)
    {
        var (admin, user, _) = await NewUserAsync();
        using (admin)
        using (user)
        {
            using var response = await user.PutAsync("/api/workspaces/me/preferences", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

            Assert.Equal([field], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
            Assert.Null((await GetAsync(user, "/api/workspaces/me/preferences"))["timeZone"]);
        }
    }

    [Fact]
    public async Task Preferences_need_a_signed_in_user()
    {
        using var anonymous = App.CreateClient();

        using var response = await anonymous.GetAsync("/api/workspaces/me/preferences");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class PreferencesOnSqlite(HostOnSqlite host) : PreferencesTests(host), IClassFixture<HostOnSqlite>;

public sealed class PreferencesOnPostgreSql(HostOnPostgreSql host) : PreferencesTests(host), IClassFixture<HostOnPostgreSql>;
