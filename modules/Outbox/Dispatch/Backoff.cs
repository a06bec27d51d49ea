namespace Lookout.Outbox.Dispatch;

/// <summary>How long to wait before retrying after a transient failure.</summary>
internal static class Backoff
{
    /// <summary>However long a target asks to wait, the outbox tries again within a day.</summary>
    public static readonly TimeSpan LongestRetryAfter = TimeSpan.FromDays(1);

    /// <summary>
    /// Exponential from <paramref name="first"/>, doubling per attempt up to <paramref name="longest"/>, with "equal jitter"
    /// (half the delay fixed, half random) so that deliveries failing together do not retry together; never sooner
    /// than the target's <paramref name="retryAfter"/>.
    /// </summary>
    /// <param name="attempts">Attempts made so far in the current budget (1 after the first failure).</param>
    /// <param name="random">A number in [0, 1).</param>
    public static TimeSpan Delay(long attempts, TimeSpan first, TimeSpan longest, TimeSpan? retryAfter, double random)
    {
        var doublings = (int)Math.Clamp(attempts - 1, 0, 30);
        var exponential = first.Ticks * Math.Pow(2, doublings);
        var capped = TimeSpan.FromTicks((long)Math.Min(exponential, longest.Ticks));
        var jittered = capped / 2 + capped / 2 * random;
        return retryAfter is { } asked && asked > jittered ? (asked < LongestRetryAfter ? asked : LongestRetryAfter) : jittered;
    }
}
