using Lookout.Kernel.Tests.Grains.TestGrains;
using Lookout.Kernel.Tests.Support;

namespace Lookout.Kernel.Tests.Grains;

public sealed class ActivationTests : SiloTest
{
    [Fact]
    public async Task A_failing_activation_fails_the_call_with_its_exception_and_a_later_call_activates_again()
    {
        var failure = new InvalidOperationException("the geo database is not loaded yet");
        Silo.Probe.OnActivate = _ =>
        {
            Silo.Probe.OnActivate = null;
            throw failure;
        };
        var counter = Silo.Grain<ICounterGrain>("visitor");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(counter.GetValue);

        Assert.Same(failure, thrown);
        Assert.Equal(0, Silo.Runtime.ActivationCount);
        Assert.Equal(3, await counter.AddAndWrite(3));
        Assert.Equal(2, Silo.Probe.Count("activate visitor"));
    }

    [Fact]
    public async Task Calls_queued_while_an_activation_fails_all_receive_the_failure()
    {
        var release = new TaskCompletionSource();
        var failure = new InvalidOperationException("no profile");
        Silo.Probe.OnActivate = async _ =>
        {
            await release.Task;
            throw failure;
        };
        var counter = Silo.Grain<ICounterGrain>("visitor");

        var calls = Enumerable.Range(0, 5).Select(_ => counter.Add(1)).ToList();
        release.SetResult();

        foreach (var call in calls)
        {
            Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => call));
        }
    }

    [Fact]
    public async Task Deactivation_runs_the_grains_hook_and_the_next_call_activates_it_again()
    {
        var counter = Silo.Grain<ICounterGrain>("visitor");
        await counter.Add(2);

        await Silo.Runtime.DeactivateAllAsync();
        var value = await counter.GetValue();

        Assert.Equal(2, value);
        Assert.Equal(["activate visitor", "deactivate visitor Requested", "activate visitor"], Silo.Probe.Events);
    }
}
