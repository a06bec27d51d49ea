using System.Net;
using Lookout.Host.Testing;
using Lookout.Kernel.Storage;
using Lookout.Outbox.Contracts;
using Lookout.Outbox.Dispatch;
using Lookout.Outbox.Tests.Support;
using Lookout.Plugins;
using Lookout.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Outbox.Tests.Restart;

/// <summary>Nothing accepted into the outbox is lost across a restart, and nothing a channel confirmed is sent again.</summary>
public abstract class RestartTests(SqlDialect dialect)
{
    [Fact]
    public async Task Killing_the_host_mid_dispatch_and_restarting_delivers_every_pending_notification_and_none_twice_that_was_confirmed()
    {
        var clock = new JumpingClock();
        var email = new TestChannel("email");
        // Sends to hang-* never answer and ignore cancellation: the host is gone before the channel could say anything.
        var killed = true;
        var never = new TaskCompletionSource<DeliveryResult>();
        email.Answer = (n, _) => killed && n.Recipient.Address.StartsWith("hang", StringComparison.Ordinal) ? never.Task : Task.FromResult(DeliveryResult.Delivered);
        var settings = new Dictionary<string, string?>
        {
            ["Outbox:Lease"] = "00:10:00",
            ["Outbox:StopTimeout"] = "00:00:00",
            ["Outbox:Channels:email:Concurrency"] = "16",
        };
        var withClockAndChannel = OutboxHost.WithChannels(email) + (services => services.AddSingleton<TimeProvider>(clock));
        var app = await LookoutApp.StartAsync(dialect, settings, withClockAndChannel);
        try
        {
            using var admin = await app.AdminOfNewWorkspaceAsync();
            var messages = Enumerable.Range(1, 6).Select(i => Message(admin.WorkspaceId!, $"ok-{i}"))
                .Concat(Enumerable.Range(1, 4).Select(i => Message(admin.WorkspaceId!, $"hang-{i}")))
                .ToList();
            foreach (var message in messages)
            {
                Assert.True(await app.Services.GetRequiredService<IOutbox>().EnqueueAsync(message, CancellationToken.None));
            }
            await Eventually.TrueAsync(() => email.Confirmed.Count == 6 && email.InFlight == 4, "six confirmed, four under way");
            var confirmedBeforeTheKill = email.Confirmed.ToHashSet();

            app = await app.RestartAsync();
            killed = false;
            using var after = await app.SignInAsAdminAsync();
            after.WorkspaceId = admin.WorkspaceId;
            foreach (var message in messages)
            {
                Assert.False(await app.Services.GetRequiredService<IOutbox>().EnqueueAsync(message, CancellationToken.None));
            }
            var signal = app.Services.GetRequiredService<DispatchSignal>();
            clock.Advance(TimeSpan.FromMinutes(9));
            signal.Wake();
            await Eventually.SettleAsync();
            Assert.Equal(10, email.Calls.Count);

            clock.Advance(TimeSpan.FromMinutes(1.5));
            signal.Wake();

            await DeliveryLogClient.CountBecomesAsync(after, "delivered", 10);
            Assert.All(Enumerable.Range(1, 6), i => Assert.Equal(1, email.CallsTo($"ok-{i}@example.com")));
            Assert.All(Enumerable.Range(1, 4), i => Assert.Equal(2, email.CallsTo($"hang-{i}@example.com")));
            Assert.Empty(confirmedBeforeTheKill.Intersect(email.Calls.Skip(10).Select(n => n.Id)));
            var log = await DeliveryLogClient.GetAsync(after, "/api/outbox/deliveries?recipient=hang-1");
            var hang = log["items"]![0]!["id"]!.GetValue<string>();
            var attempts = (await DeliveryLogClient.GetAsync(after, $"/api/outbox/deliveries/{hang}"))["attempts"]!.AsArray();
            Assert.Equal(["interrupted", "delivered"], attempts.Select(a => a!["outcome"]!.GetValue<string>()));
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static OutboxMessage Message(string workspaceId, string name) =>
        new(workspaceId, $"alert-{name}", "email", OutboxRecipients.To(Recipient.At($"{name}@example.com")), $"Alert {name}", "A visitor is on /pricing.");
}

public sealed class RestartOnSqlite() : RestartTests(SqlDialect.Sqlite);

public sealed class RestartOnPostgreSql() : RestartTests(SqlDialect.PostgreSql);
