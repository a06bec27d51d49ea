using Lookout.Kernel.Tests.Grains.TestGrains;
using Lookout.Kernel.Tests.Support;

namespace Lookout.Kernel.Tests.Grains;

public sealed class TimerTests : SiloTest
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_tick_that_comes_due_during_a_call_runs_after_the_call_as_its_own_turn()
    {
        var grain = Silo.Grain<ITickingGrain>("dwell");
        await grain.StartTicking(Period);
        var call = grain.WaitAtGate();
        await Eventually.TrueAsync(() => Silo.Probe.Events.Contains("call started"), "the call holds the turn");

        Clock.Advance(Period);
        await Task.Delay(200);
        Assert.DoesNotContain("tick dwell", Silo.Probe.Events);
        Silo.Probe.Gate.SetResult();
        await call;

        await Eventually.TrueAsync(() => Silo.Probe.Events.Contains("tick dwell"), "the tick runs once the call ended");
        Assert.Equal(["call started", "call ended", "tick dwell"], Silo.Probe.Events);
        Assert.Equal(0, Silo.Probe.Overlaps);
    }

    [Fact]
    public async Task Ticks_never_overlap_calls_while_both_keep_coming()
    {
        var grain = Silo.Grain<ITickingGrain>("busy");
        await grain.StartTicking(TimeSpan.FromSeconds(1));
        Silo.Probe.Gate.SetResult();

        var calls = Enumerable.Range(0, 200).Select(_ => Task.Run(grain.WaitAtGate)).ToList();
        for (var i = 0; i < 200; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
        }
        await Task.WhenAll(calls);

        await Eventually.TrueAsync(() => Silo.Probe.Count("tick busy") == 200, "every tick ran");
        Assert.Equal(0, Silo.Probe.Overlaps);
    }

    [Fact]
    public async Task Timers_stop_when_their_activation_is_deactivated()
    {
        var grain = Silo.Grain<ITickingGrain>("leaving");
        await grain.StartTicking(Period);
        Clock.Advance(Period);
        await Eventually.TrueAsync(() => Silo.Probe.Count("tick leaving") == 1, "the first tick runs");

        await Silo.Runtime.DeactivateAllAsync();
        Clock.Advance(Period * 10);
        await Task.Delay(100);

        Assert.Equal(1, Silo.Probe.Count("tick leaving"));
        Assert.Equal(0, Silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task Ticks_do_not_keep_an_activation_alive()
    {
        var grain = Silo.Grain<ITickingGrain>("idle");
        await grain.StartTicking(Period);

        Clock.Advance(TimeSpan.FromMinutes(11));

        await Eventually.TrueAsync(async () =>
        {
            await Silo.Runtime.CollectIdleAsync();
            return Silo.Runtime.ActivationCount == 0;
        }, "the activation is collected although its timer ticks");
        Assert.Contains("deactivate idle Idle", Silo.Probe.Events);
    }
}
