using Lookout.Kernel.Grains;

namespace Lookout.Kernel.Tests.Grains.TestGrains;

/// <summary>A grain with an in-memory timer, and a call that holds its turn until the test opens the probe's gate.</summary>
public interface ITickingGrain : IGrainWithStringKey
{
    /// <summary>Starts a timer that records <c>tick key</c> every <paramref name="period"/>.</summary>
    Task StartTicking(TimeSpan period);

    /// <summary>Records <c>call started</c>, waits for <see cref="GrainProbe.Gate"/>, records <c>call ended</c>.</summary>
    Task WaitAtGate();
}

public sealed class TickingGrain(GrainProbe probe) : Grain, ITickingGrain
{
    private readonly TurnGuard _turns = new(probe);

    public Task StartTicking(TimeSpan period)
    {
        RegisterGrainTimer(TickAsync, period, period);
        return Task.CompletedTask;
    }

    public async Task WaitAtGate()
    {
        using var turn = _turns.Enter();
        probe.Record("call started");
        await probe.Gate.Task;
        probe.Record("call ended");
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivate {GrainKey} {reason}");
        return Task.CompletedTask;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var turn = _turns.Enter();
        await Task.Yield();
        probe.Record($"tick {GrainKey}");
    }
}
