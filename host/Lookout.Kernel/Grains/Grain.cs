namespace Lookout.Kernel.Grains;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    Idle,
    Requested,
    Shutdown,
}

/// <summary>Base class of every grain: key, factory, lifecycle hooks, timers and reminders.</summary>
public abstract class Grain
{
    private GrainActivation? _activation;

    internal GrainActivation Activation
    {
        get => _activation ?? throw new InvalidOperationException("The grain is not activated by the runtime.");
        set => _activation = value;
    }

    /// <summary>The key this grain was addressed with.</summary>
    protected string GrainKey => Activation.Key;

    /// <summary>References to other grains.</summary>
    protected IGrainFactory GrainFactory => Activation.Runtime;

    /// <summary>Runs once after the state was read and before the first call.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once before the activation leaves memory; changed state is written after it.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// An in-memory timer whose callback runs as a turn of this grain (never beside a call). Ticks do not keep the
    /// activation alive; the timer ends with the activation or when disposed.
    /// </summary>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Activation.RegisterTimer(callback, dueTime, period);

    /// <summary>A durable reminder: <see cref="IRemindable.ReceiveReminder"/> is called after <paramref name="dueTime"/> and then every <paramref name="period"/>, across restarts.</summary>
    protected Task RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        Activation.Runtime.Reminders.RegisterAsync(Activation.Type, Activation.Key, reminderName, dueTime, period);

    /// <summary>Removes a durable reminder.</summary>
    protected Task UnregisterReminder(string reminderName) =>
        Activation.Runtime.Reminders.UnregisterAsync(Activation.Type, Activation.Key, reminderName);

    /// <summary>Deactivates this activation once the current call ends.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation();
}
