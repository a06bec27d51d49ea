using System.Diagnostics;
using System.Net;
using Lookout.Host.Testing;

namespace Lookout.Workspaces.Tests.Account;

/// <summary>
/// A wrong password takes as long for an email without an account as for one with an account, so that timing does
/// not tell which emails have accounts. Both limits are raised here: the test makes a hundred failed sign-ins.
/// </summary>
public sealed class LoginTimingTests : IAsyncLifetime
{
    private const int Tries = 50;
    private LookoutApp _app = null!;

    public async Task InitializeAsync() => _app = await LookoutApp.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Account:LoginAttemptsPerMinute"] = "100000",
        ["Account:LoginFailuresBeforeBackoff"] = "100000",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_wrong_password_of_a_known_email_and_an_unknown_email_take_the_same_time_within_noise()
    {
        using var admin = await _app.SignInAsAdminAsync();
        var known = $"known.{Guid.NewGuid():N}@example.com";
        using (var created = await admin.PostAsync("/api/workspaces/users", new { email = known, displayName = "Known", role = "SalesRep", password = "the-right-password" }))
        {
            await ApiClient.ReadAsync(created, HttpStatusCode.Created);
        }
        using var client = _app.CreateClient();
        var unknown = $"unknown.{Guid.NewGuid():N}@example.com";
        // Warmed up first (JIT, connection pools, the dummy hash), then taken in turns so that drift hits both alike.
        for (var warmUp = 0; warmUp < 5; warmUp++)
        {
            await TimeAsync(client, known);
            await TimeAsync(client, unknown);
        }

        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var attempt = 0; attempt < Tries; attempt++)
        {
            knownTimes.Add(await TimeAsync(client, known));
            unknownTimes.Add(await TimeAsync(client, unknown));
        }

        var ratio = Median(unknownTimes) / Median(knownTimes);
        Assert.True(ratio is >= 0.5 and <= 2, $"median of an unknown email {Median(unknownTimes):0.0} ms, of a known one {Median(knownTimes):0.0} ms");
    }

    private static async Task<double> TimeAsync(ApiClient client, string email)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsync("/api/workspaces/login", new { email, password = "a-wrong-password" });
        watch.Stop();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
