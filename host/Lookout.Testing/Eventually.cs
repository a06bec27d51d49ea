namespace Lookout.Testing;

/// <summary>Waits, in real time, for something that happens in the background (a dispatcher, a grain, another host).</summary>
public static class Eventually
{
    /// <summary>How long a condition gets unless a test says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        await FoundAsync(async () => await condition() ? "" : null, what, timeout);

    /// <summary>The first value <paramref name="probe"/> finds (not null); throws a <see cref="TimeoutException"/> naming <paramref name="what"/> when none came in time.</summary>
    public static async Task<T> FoundAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : class
    {
        var patience = timeout ?? DefaultTimeout;
        var deadline = Environment.TickCount64 + (long)patience.TotalMilliseconds;
        var pause = 10;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Still not so after {patience.TotalSeconds:0.#} s: {what}");
            }
            await Task.Delay(pause);
            pause = Math.Min(pause * 2, 250);
        }
    }

    /// <summary>Lets background work that is not supposed to happen have its chance to (for "never" assertions).</summary>
    public static Task SettleAsync() => Task.Delay(300);
}
