using System.Net;
using Lookout.Host.Testing;
using Lookout.Kernel.Storage;

namespace Lookout.Workspaces.Tests.Account;

/// <summary>
/// After five failed sign-ins an email is refused for a while, from any address and with any password, and an email
/// without an account is answered exactly the same way. The per-address limit is raised here, so that it is the
/// per-email backoff that answers.
/// </summary>
public abstract class LoginBackoffTests(SqlDialect dialect) : IAsyncLifetime
{
    private const string Password = "member-password-1";

    private static readonly Dictionary<string, string?> Settings = new() { ["Account:LoginAttemptsPerMinute"] = "1000" };

    protected LookoutApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await LookoutApp.StartAsync(dialect, Settings);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task The_sixth_wrong_attempt_is_refused_even_with_the_right_password_and_an_unknown_email_gets_the_same_answers()
    {
        var known = await NewMemberAsync();
        var unknown = $"nobody.{Guid.NewGuid():N}@example.com";

        var knownAnswers = await AttemptsAsync(App, known, Password);
        var unknownAnswers = await AttemptsAsync(App, unknown, Password);

        Assert.Equal(
            [.. Enumerable.Repeat("401 Invalid email or password", 5), "429 Too many failed sign-ins"],
            knownAnswers.Select(a => a.Answer));
        Assert.Equal(knownAnswers.Select(a => a.Answer), unknownAnswers.Select(a => a.Answer));
        Assert.InRange(knownAnswers[^1].RetryAfter!.Value, 55, 60);
        Assert.InRange(unknownAnswers[^1].RetryAfter!.Value, 55, 60);
        Assert.All(knownAnswers.SkipLast(1).Concat(unknownAnswers.SkipLast(1)), a => Assert.Null(a.RetryAfter));
    }

    [Fact]
    public async Task Failures_of_one_email_do_not_refuse_another()
    {
        var refused = await NewMemberAsync();
        var other = await NewMemberAsync();
        await AttemptsAsync(App, refused, Password);

        using var client = App.CreateClient();
        await client.SignInAsync(other, Password);
    }

    [Fact]
    public async Task A_right_password_before_the_fifth_failure_signs_in_and_starts_the_count_again()
    {
        var email = await NewMemberAsync();
        using var client = App.CreateClient();
        for (var round = 0; round < 3; round++)
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                using var wrong = await client.PostAsync("/api/workspaces/login", new { email, password = "wrong" });
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            }
            await client.SignInAsync(email, Password);
        }
    }

    /// <summary>Five wrong passwords, then <paramref name="rightPassword"/>: each answer's status and title, and its Retry-After.</summary>
    protected static async Task<IReadOnlyList<(string Answer, int? RetryAfter)>> AttemptsAsync(LookoutApp app, string email, string rightPassword, LookoutApp? lastOn = null)
    {
        var answers = new List<(string, int?)>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            using var client = (attempt == 5 && lastOn is not null ? lastOn : app).CreateClient();
            using var response = await client.PostAsync("/api/workspaces/login", new { email, password = attempt == 5 ? rightPassword : $"wrong-{attempt}" });
            var problem = await ApiClient.ReadAsync(response, response.StatusCode);
            answers.Add(($"{(int)response.StatusCode} {problem["title"]}", response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : null));
        }
        return answers;
    }

    protected async Task<string> NewMemberAsync()
    {
        using var admin = await App.AdminOfNewWorkspaceAsync();
        var email = $"member.{Guid.NewGuid():N}@example.com";
        using var response = await admin.PostAsync("/api/workspaces/users", new { email, displayName = "Member", role = "SalesRep", password = Password });
        await ApiClient.ReadAsync(response, HttpStatusCode.Created);
        return email;
    }
}

public sealed class LoginBackoffOnSqlite() : LoginBackoffTests(SqlDialect.Sqlite);

public sealed class LoginBackoffOnPostgreSql() : LoginBackoffTests(SqlDialect.PostgreSql)
{
    [Fact]
    public async Task Failures_on_one_host_refuse_the_email_on_every_host_of_the_cluster()
    {
        var email = await NewMemberAsync();
        await using var other = await App.JoinClusterAsync();

        var answers = await AttemptsAsync(App, email, "member-password-1", lastOn: other);

        Assert.Equal("429 Too many failed sign-ins", answers[^1].Answer);
    }
}
