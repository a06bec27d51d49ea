using Lookout.Kernel.Grains;
using Lookout.Kernel.Tests.Grains.TestGrains;
using Lookout.Kernel.Tests.Support;

namespace Lookout.Kernel.Tests.Grains;

public sealed class ActivationTests : SiloTest
{
    [Fact]
    public async Task References_made_at_once_for_many_keys_each_reach_their_own_grain()
    {
        // References are copies of one proxy: a copy that shared its key with another would add to the wrong grain.
        var references = new ICounterGrain[200];
        Parallel.For(0, references.Length, i => references[i] = Silo.Grain<ICounterGrain>($"counter-{i}"));

        await Task.WhenAll(references.Select((counter, i) => counter.Add(i)));

        Assert.Equal(Enumerable.Range(0, references.Length), await Task.WhenAll(references.Select(counter => counter.GetValue())));
        Assert.Equal(Enumerable.Range(0, references.Length).Select(i => $"counter-{i}"), references.Select(r => ((GrainReference)(object)r).Key));
    }

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

    [Fact]
    public async Task A_grain_that_asks_to_be_deactivated_leaves_after_its_call_with_its_state_written()
    {
        var counter = Silo.Grain<ICounterGrain>("visitor");

        await counter.AddAndDeactivate(4);

        await Eventually.TrueAsync(() => Silo.Runtime.ActivationCount == 0, "the activation leaves");
        Assert.Equal(["activate visitor", "deactivate visitor Requested"], Silo.Probe.Events);
        Assert.NotNull(await Silo.Storage.ReadAsync(typeof(ICounterGrain).FullName!, "visitor", CancellationToken.None));
        Assert.Equal(4, await counter.GetValue());
    }

    [Fact]
    public void Asking_for_a_grain_interface_that_was_never_added_fails_at_once()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Silo.Grains.GetGrain<IUnregisteredGrain>("x"));

        Assert.Contains(nameof(IUnregisteredGrain), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_racing_with_deactivation_of_every_grain_all_complete_and_lose_nothing()
    {
        const int calls = 20_000;
        const int keys = 100;
        using var stop = new CancellationTokenSource();
        var deactivating = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Silo.Runtime.DeactivateAllAsync();
            }
        });

        var all = Task.WhenAll(Enumerable.Range(0, calls).Select(i => Task.Run(() => Silo.Grain<ICounterGrain>($"visitor-{i % keys}").Add(1))));
        var finished = await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(20)));
        await stop.CancelAsync();
        await deactivating;

        Assert.Same(all, finished);
        var values = await Task.WhenAll(Enumerable.Range(0, keys).Select(i => Silo.Grain<ICounterGrain>($"visitor-{i}").GetValue()));
        Assert.Equal(calls, values.Sum());
    }
}

/// <summary>A grain interface no module added.</summary>
public interface IUnregisteredGrain : Lookout.Kernel.Grains.IGrainWithStringKey
{
    /// <summary>Never reached.</summary>
    Task Ping();
}
