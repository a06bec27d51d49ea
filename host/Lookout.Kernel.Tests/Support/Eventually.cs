namespace Lookout.Kernel.Tests.Support;

/// <summary>Waits for something that happens on another thread (a timer tick, a reminder delivery).</summary>
internal static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task TrueAsync(Func<bool> condition, string because, TimeSpan? timeout = null)
    {
        await TrueAsync(() => Task.FromResult(condition()), because, timeout);
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting: {because}");
            }
            await Task.Delay(10);
        }
    }
}
