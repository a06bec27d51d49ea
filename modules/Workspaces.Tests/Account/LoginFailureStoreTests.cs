using Lookout.Host.Testing;
using Lookout.Kernel.Storage;
using Lookout.Testing;
using Lookout.Workspaces.Account;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lookout.Workspaces.Tests.Account;

/// <summary>How long an email is refused as failures go on, on each database, with time moved by the test.</summary>
public abstract class LoginFailureStoreTests(HostOnDatabase host)
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    private LoginFailureStore Store() => new(
        host.App.Services.GetRequiredService<LookoutDatabase>(), _clock,
        new LoginBackoff(Options.Create(new AccountOptions { LoginFailuresBeforeBackoff = 5, LoginBackoffSeconds = 60 })));

    private static string NewEmail() => $"someone.{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task The_refusal_starts_at_the_fifth_failure_and_doubles_with_each_failure_after_it_runs_out()
    {
        var store = Store();
        var email = NewEmail();
        for (var failure = 1; failure <= 4; failure++)
        {
            await store.RecordFailureAsync(email, CancellationToken.None);
            Assert.Null(await store.RefusedForAsync(email, CancellationToken.None));
        }

        await store.RecordFailureAsync(email, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(60), await store.RefusedForAsync(email, CancellationToken.None));

        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(await store.RefusedForAsync(email, CancellationToken.None));
        await store.RecordFailureAsync(email, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(120), await store.RefusedForAsync(email, CancellationToken.None));

        _clock.Advance(TimeSpan.FromSeconds(121));
        await store.RecordFailureAsync(email, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(240), await store.RefusedForAsync(email, CancellationToken.None));
    }

    [Fact]
    public async Task Fifteen_quiet_minutes_start_the_count_again()
    {
        var store = Store();
        var email = NewEmail();
        for (var failure = 1; failure <= 4; failure++)
        {
            await store.RecordFailureAsync(email, CancellationToken.None);
        }

        _clock.Advance(TimeSpan.FromMinutes(16));
        await store.RecordFailureAsync(email, CancellationToken.None);

        Assert.Null(await store.RefusedForAsync(email, CancellationToken.None));
    }

    [Fact]
    public async Task A_sign_in_forgets_the_failures()
    {
        var store = Store();
        var email = NewEmail();
        for (var failure = 1; failure <= 4; failure++)
        {
            await store.RecordFailureAsync(email, CancellationToken.None);
        }

        await store.ForgetAsync(email, CancellationToken.None);
        await store.RecordFailureAsync(email, CancellationToken.None);

        Assert.Null(await store.RefusedForAsync(email, CancellationToken.None));
    }

    [Fact]
    public async Task The_refusal_never_passes_an_hour()
    {
        var store = Store();
        var email = NewEmail();
        for (var failure = 1; failure <= 12; failure++)
        {
            await store.RecordFailureAsync(email, CancellationToken.None);
            _clock.Advance(await store.RefusedForAsync(email, CancellationToken.None) ?? TimeSpan.Zero);
        }
        await store.RecordFailureAsync(email, CancellationToken.None);

        Assert.Equal(LoginBackoff.MaxDelay, await store.RefusedForAsync(email, CancellationToken.None));
    }
}

public sealed class LoginFailureStoreOnSqlite(HostOnSqlite host) : LoginFailureStoreTests(host), IClassFixture<HostOnSqlite>;

public sealed class LoginFailureStoreOnPostgreSql(HostOnPostgreSql host) : LoginFailureStoreTests(host), IClassFixture<HostOnPostgreSql>;
