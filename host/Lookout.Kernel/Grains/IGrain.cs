namespace Lookout.Kernel.Grains;

/// <summary>Marker for grain interfaces. Every method returns <see cref="Task"/> or <see cref="Task{TResult}"/>.</summary>
#pragma warning disable CA1040 // marker interfaces are the Orleans shape
public interface IGrain;

/// <summary>A grain addressed by a string key, e.g. <c>site:visitor</c>.</summary>
public interface IGrainWithStringKey : IGrain;
#pragma warning restore CA1040

/// <summary>Gives references to grains; the activation is created on the first call.</summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain of type <typeparamref name="TGrain"/> with this key.</summary>
    TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey;
}

/// <summary>A grain that receives durable reminders.</summary>
public interface IRemindable : IGrain
{
    /// <summary>Called when the reminder named <paramref name="reminderName"/> is due.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <summary>When a reminder tick was due and when it was delivered.</summary>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);
