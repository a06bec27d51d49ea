using Lookout.Kernel.Grains;

namespace Lookout.Kernel.Tests.Grains.TestGrains;

/// <summary>A number callers add to: the runtime's plainest customer.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>The current value.</summary>
    Task<int> GetValue();

    /// <summary>Reads the value, yields the thread, then keeps value + 1: interleaved calls would lose increments.</summary>
    Task IncrementAcrossAYield();

    /// <summary>Adds to the value in memory; the runtime writes it when the activation leaves.</summary>
    Task Add(int amount);

    /// <summary>Adds to the value and writes the state now; returns the new value.</summary>
    Task<int> AddAndWrite(int amount);

    /// <summary>The ETag of the stored state as this activation last saw it.</summary>
    Task<string?> GetEtag();

    /// <summary>Adds to the value and asks the runtime to deactivate this activation once the call ends.</summary>
    Task AddAndDeactivate(int amount);
}

public sealed record CounterState
{
    public int Value { get; init; }
}

public sealed class CounterGrain(IPersistentState<CounterState> state, GrainProbe probe) : Grain, ICounterGrain
{
    private readonly TurnGuard _turns = new(probe);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record($"activate {GrainKey}");
        if (probe.OnActivate is { } onActivate)
        {
            await onActivate(GrainKey);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivate {GrainKey} {reason}");
        return Task.CompletedTask;
    }

    public Task<int> GetValue() => Task.FromResult(state.State.Value);

    public async Task IncrementAcrossAYield()
    {
        using var turn = _turns.Enter();
        var value = state.State.Value;
        await Task.Yield();
        state.State = state.State with { Value = value + 1 };
    }

    public Task Add(int amount)
    {
        state.State = state.State with { Value = state.State.Value + amount };
        return Task.CompletedTask;
    }

    public async Task<int> AddAndWrite(int amount)
    {
        state.State = state.State with { Value = state.State.Value + amount };
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<string?> GetEtag() => Task.FromResult(state.Etag);

    public Task AddAndDeactivate(int amount)
    {
        state.State = state.State with { Value = state.State.Value + amount };
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
