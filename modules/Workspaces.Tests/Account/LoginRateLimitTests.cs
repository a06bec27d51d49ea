using System.Net;
using Lookout.Host.Testing;

namespace Lookout.Workspaces.Tests.Account;

public sealed class LoginRateLimitTests : IAsyncLifetime
{
    private LookoutApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await LookoutApp.StartAsync(settings: new Dictionary<string, string?> { ["Account:LoginAttemptsPerMinute"] = "3" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Login_attempts_past_the_limit_are_answered_429_even_with_the_right_password()
    {
        using var client = _app.CreateClient();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var wrong = await client.PostAsync("/api/workspaces/login", new { email = LookoutApp.AdminEmail, password = "guess" + attempt });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var right = await client.PostAsync("/api/workspaces/login", new { email = LookoutApp.AdminEmail, password = LookoutApp.AdminPassword });

        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.DoesNotContain(right.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("lookout.auth=", StringComparison.Ordinal)));
    }
}
