using Orleans;
using Orleans.Runtime;

namespace Lookout.Kernel.Tests.Orleans.TestGrains;

public sealed class WakeUpGrain(ReminderLog log) : Grain, IWakeUpGrain
{
    public Task Register(string name, TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(name, dueTime, period);

    public async Task Unregister(string name)
    {
        var reminder = await this.GetReminder(name) ?? throw new InvalidOperationException($"No reminder {name} to unregister.");
        await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Record(this.GetPrimaryKeyString(), reminderName);
        return Task.CompletedTask;
    }
}
