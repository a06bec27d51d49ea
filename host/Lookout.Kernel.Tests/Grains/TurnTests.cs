using Lookout.Kernel.Tests.Grains.TestGrains;
using Lookout.Kernel.Tests.Support;

namespace Lookout.Kernel.Tests.Grains;

public sealed class TurnTests : SiloTest
{
    private const int MailboxCapacity = 64;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Grains:MailboxCapacity"] = MailboxCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Ten_thousand_concurrent_calls_on_one_grain_run_one_at_a_time_through_a_small_mailbox()
    {
        const int callers = 10_000;
        var counter = Silo.Grain<ICounterGrain>("hot");
        var deepestMailbox = 0L;

        var calls = Enumerable.Range(0, callers).Select(_ => Task.Run(counter.IncrementAcrossAYield)).ToArray();
        var all = Task.WhenAll(calls);
        while (!all.IsCompleted)
        {
            deepestMailbox = Math.Max(deepestMailbox, Silo.Runtime.QueuedCallCount);
            await Task.WhenAny(all, Task.Delay(1));
        }
        await all;

        Assert.Equal(callers, await counter.GetValue());
        Assert.Equal(0, Silo.Probe.Overlaps);
        Assert.Equal(1, Silo.Probe.Count("activate hot"));
        Assert.InRange(deepestMailbox, 0, MailboxCapacity);
    }

    [Fact]
    public async Task A_burst_of_a_hundred_thousand_calls_queued_at_once_on_one_grain_drains_in_seconds()
    {
        const int calls = 100_000;
        var counter = Silo.Grain<ICounterGrain>("hot");

        var burst = Task.WhenAll(Enumerable.Range(0, calls).Select(_ => counter.Add(1)).ToArray());

        // Every slot freed in the full mailbox once woke every waiting caller: minutes for this burst.
        Assert.Same(burst, await Task.WhenAny(burst, Task.Delay(TimeSpan.FromSeconds(15))));
        Assert.Equal(calls, await counter.GetValue());
    }

    [Fact]
    public async Task Calls_from_many_callers_to_a_new_key_reach_a_single_activation()
    {
        var grains = Enumerable.Range(0, 500).Select(_ => Silo.Grain<ICounterGrain>("fresh")).ToArray();

        await Task.WhenAll(grains.Select(g => Task.Run(() => g.Add(1))));

        Assert.Equal(500, await grains[0].GetValue());
        Assert.Equal(1, Silo.Probe.Count("activate fresh"));
        Assert.Equal(1, Silo.Runtime.ActivationCount);
    }
}
