namespace Lookout.Outbox.Tests.Support;

/// <summary>Waits (in real time) for something the dispatcher does in the background.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 15000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Still not true after {timeoutMs} ms: {what}");
            }
            await Task.Delay(10);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutMs = 15000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Still not true after {timeoutMs} ms: {what}");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Lets background work that is not supposed to happen have its chance to (for "never" assertions).</summary>
    public static Task SettleAsync() => Task.Delay(300);
}
