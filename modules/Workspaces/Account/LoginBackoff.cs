using Microsoft.Extensions.Options;

namespace Lookout.Workspaces.Account;

/// <summary>
/// How long an email is refused after failed sign-ins: nothing for the first <see cref="AccountOptions.LoginFailuresBeforeBackoff"/>
/// failures within <see cref="Window"/>, then <see cref="AccountOptions.LoginBackoffSeconds"/>, doubling with each
/// further failure up to <see cref="MaxDelay"/>. A quiet <see cref="Window"/> (no failure and no refusal) starts the
/// count again.
/// </summary>
internal sealed class LoginBackoff(IOptions<AccountOptions> options)
{
    private readonly AccountOptions _options = options.Value;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    /// <summary>The refusal that follows the <paramref name="failures"/>th failure in a row; zero while under the threshold.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        var over = failures - Math.Max(1, _options.LoginFailuresBeforeBackoff);
        if (over < 0)
        {
            return TimeSpan.Zero;
        }
        var first = TimeSpan.FromSeconds(Math.Max(1, _options.LoginBackoffSeconds));
        // Past 2^20 the doubling is far beyond MaxDelay anyway; the cap keeps the shift from overflowing.
        var delay = first * (1L << Math.Min(over, 20));
        return delay < MaxDelay ? delay : MaxDelay;
    }
}
