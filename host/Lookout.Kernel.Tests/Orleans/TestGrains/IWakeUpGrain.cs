using Orleans;

namespace Lookout.Kernel.Tests.Orleans.TestGrains;

/// <summary>Registers reminders on itself; each tick lands in the silo's <see cref="ReminderLog"/>.</summary>
public interface IWakeUpGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Registers (or re-registers) reminder <paramref name="name"/>, first due after <paramref name="dueTime"/>.</summary>
    Task Register(string name, TimeSpan dueTime, TimeSpan period);

    /// <summary>Unregisters reminder <paramref name="name"/>.</summary>
    Task Unregister(string name);
}
