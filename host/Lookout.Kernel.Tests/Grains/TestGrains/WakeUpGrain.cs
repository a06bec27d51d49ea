using Lookout.Kernel.Grains;

namespace Lookout.Kernel.Tests.Grains.TestGrains;

/// <summary>A grain woken by a durable reminder.</summary>
public interface IWakeUpGrain : IGrainWithStringKey
{
    /// <summary>Registers the reminder <paramref name="name"/>, first due after <paramref name="due"/>.</summary>
    Task WakeMeUp(string name, TimeSpan due, TimeSpan period);

    /// <summary>How many reminder ticks this grain received, across activations.</summary>
    Task<int> GetWakeUps();
}

public sealed record WakeUpState
{
    public int WakeUps { get; init; }
}

public sealed class WakeUpGrain(IPersistentState<WakeUpState> state, GrainProbe probe) : Grain, IWakeUpGrain, IRemindable
{
    public Task WakeMeUp(string name, TimeSpan due, TimeSpan period) => RegisterOrUpdateReminder(name, due, period);

    public Task<int> GetWakeUps() => Task.FromResult(state.State.WakeUps);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State = state.State with { WakeUps = state.State.WakeUps + 1 };
        await state.WriteStateAsync();
        probe.Record(FormattableString.Invariant($"reminder {GrainKey} {reminderName} first {status.FirstTickTime:O} every {status.Period}"));
    }
}

/// <summary>Holds a plain grain that registers a reminder: the runtime refuses, as it cannot deliver it.</summary>
public interface INotRemindableGrain : IGrainWithStringKey
{
    /// <summary>Tries to register a reminder.</summary>
    Task TryToRegisterReminder();
}

public sealed class NotRemindableGrain : Grain, INotRemindableGrain
{
    public Task TryToRegisterReminder() => RegisterOrUpdateReminder("never", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
}
