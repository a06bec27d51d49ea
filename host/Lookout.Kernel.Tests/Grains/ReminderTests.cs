using Lookout.Kernel.Tests.Grains.TestGrains;
using Lookout.Kernel.Tests.Support;

namespace Lookout.Kernel.Tests.Grains;

public sealed class ReminderTests : SiloTest
{
    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_after_it()
    {
        var registeredAt = Clock.GetUtcNow();
        await Silo.Grain<IWakeUpGrain>("visitor-1").WakeMeUp("follow-up", TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        await Silo.DisposeAsync();

        await using var restarted = await TestSilo.StartAsync(Database, Clock);
        Assert.Equal(0, await restarted.Runtime.Reminders.PollAsync());
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(async () =>
        {
            await restarted.Runtime.Reminders.PollAsync();
            return restarted.Probe.Events.Any(e => e.StartsWith("reminder", StringComparison.Ordinal));
        }, "the restarted host delivers the reminder");

        var firstTick = registeredAt.AddMinutes(1);
        Assert.Equal([FormattableString.Invariant($"reminder visitor-1 follow-up first {firstTick:O} every 01:00:00")], restarted.Probe.Events);
        Assert.Equal(1, await restarted.Grain<IWakeUpGrain>("visitor-1").GetWakeUps());
    }

    [Fact]
    public async Task The_runtime_polls_for_due_reminders_by_itself()
    {
        await using var silo = await TestSilo.StartAsync(Database, Clock, new Dictionary<string, string?>
        {
            ["Grains:ReminderPollInterval"] = "00:00:05",
        });
        await silo.Grain<IWakeUpGrain>("visitor-2").WakeMeUp("nudge", TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));

        await Eventually.TrueAsync(() =>
        {
            Clock.Advance(TimeSpan.FromSeconds(5));
            return silo.Probe.Events.Count > 0;
        }, "a poll delivers the reminder");

        Assert.StartsWith("reminder visitor-2 nudge", Assert.Single(silo.Probe.Events), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grain_that_cannot_receive_reminders_cannot_register_one()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Silo.Grain<INotRemindableGrain>("plain").TryToRegisterReminder());
    }
}
