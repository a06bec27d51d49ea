using Lookout.Testing;
using Lookout.Kernel.Storage;
using Lookout.Outbox.Deliveries;
using Lookout.Outbox.Messages;
using Lookout.Outbox.Tests.Support;
using Lookout.Plugins;

namespace Lookout.Outbox.Tests.Dispatch;

/// <summary>The dispatcher on each database: at least once, never twice once confirmed, retried with back-off, then dead.</summary>
public abstract class DispatchTests(SqlDialect dialect)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Enqueuing_the_same_idempotency_key_twice_delivers_once()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        var email = outbox.AddChannel("email");
        await outbox.StartDispatcherAsync();

        var first = await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "email", "ann@example.com"));
        var second = await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "email", "ann@example.com", "bob@example.com") with { Subject = "Changed" });

        Assert.True(first);
        Assert.False(second);
        await outbox.StatusBecomesAsync("ann@example.com", DeliveryStatus.Delivered);
        outbox.Advance(TimeSpan.FromMinutes(10));
        await Eventually.SettleAsync();
        var sent = Assert.Single(email.Calls);
        Assert.Equal("Subject of alert-1", sent.Subject);
        Assert.Single(await outbox.DeliveriesAsync());
    }

    [Fact]
    public async Task The_same_key_in_another_workspace_is_another_message()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        var email = outbox.AddChannel("email");
        await outbox.StartDispatcherAsync();

        Assert.True(await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "email", "ann@example.com")));
        Assert.True(await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "email", "ann@example.com") with { WorkspaceId = "workspace-2" }));

        await Eventually.TrueAsync(() => email.Confirmed.Count == 2, "both workspaces' messages delivered");
        Assert.Equal(["workspace-1", "workspace-2"], email.Calls.Select(n => n.WorkspaceId).Order(StringComparer.Ordinal));
        Assert.Single(await outbox.DeliveriesAsync("workspace-2"));
    }

    [Fact]
    public async Task A_message_is_sent_only_if_the_transaction_that_enqueued_it_commits()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        var email = outbox.AddChannel("email");
        await outbox.StartDispatcherAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => outbox.Database.WriteAsync(async (connection, transaction) =>
        {
            await outbox.Outbox.EnqueueAsync(connection, transaction, OutboxOnDatabase.Message("rolled-back", "email", "ann@example.com"), CancellationToken.None);
            throw new InvalidOperationException("The state change failed.");
        }));
        await outbox.Database.WriteAsync((connection, transaction) =>
            outbox.Outbox.EnqueueAsync(connection, transaction, OutboxOnDatabase.Message("committed", "email", "bob@example.com"), CancellationToken.None));

        await outbox.StatusBecomesAsync("bob@example.com", DeliveryStatus.Delivered);
        outbox.Advance(TimeSpan.FromSeconds(5));
        await Eventually.SettleAsync();
        Assert.Equal(["bob@example.com"], email.Calls.Select(n => n.Recipient.Address));
        Assert.Single(await outbox.DeliveriesAsync());
    }

    [Fact]
    public async Task A_transient_failure_is_retried_with_growing_jittered_back_off_until_delivered()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect, o => o.FirstRetryDelay = TimeSpan.FromSeconds(10));
        var sms = outbox.AddChannel("sms");
        sms.Answer = (_, _) => Task.FromResult(sms.Calls.Count <= 2 ? DeliveryResult.Transient("The gateway answered HTTP 503.") : DeliveryResult.Delivered);
        await outbox.StartDispatcherAsync();

        await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "sms", "+33612345678"));

        await outbox.AttemptsCloseAsync("+33612345678", 1);
        var retrying = await outbox.DeliveryToAsync("+33612345678");
        Assert.Equal(DeliveryStatus.Retrying, retrying.Status);
        Assert.InRange(retrying.DueAt - Start.ToUnixTimeMilliseconds(), 5_000, 10_000);
        outbox.Advance(TimeSpan.FromSeconds(4.9));
        await Eventually.SettleAsync();
        Assert.Single(sms.Calls);

        outbox.Advance(TimeSpan.FromSeconds(5.1));
        await outbox.AttemptsCloseAsync("+33612345678", 2);
        var second = await outbox.DeliveryToAsync("+33612345678");
        Assert.InRange(second.DueAt - outbox.Clock.GetUtcNow().ToUnixTimeMilliseconds(), 10_000, 20_000);
        outbox.Advance(TimeSpan.FromSeconds(20));

        await outbox.StatusBecomesAsync("+33612345678", DeliveryStatus.Delivered);
        var attempts = await outbox.AttemptsAsync(await outbox.DeliveryToAsync("+33612345678"));
        Assert.Equal([1L, 2L, 3L], attempts.Select(a => a.Number));
        Assert.Equal(["transient", "transient", "delivered"], attempts.Select(a => a.Outcome));
        Assert.Equal(["The gateway answered HTTP 503.", "The gateway answered HTTP 503.", null], attempts.Select(a => a.Reason));
        Assert.All(attempts, a => Assert.True(a.FinishedAt >= a.StartedAt));
        Assert.Equal(3, sms.Calls.Count);
    }

    [Fact]
    public async Task A_target_s_Retry_After_is_waited_out()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        var sms = outbox.AddChannel("sms");
        sms.Answer = (_, _) => Task.FromResult(sms.Calls.Count == 1 ? DeliveryResult.Transient("Too many requests.", TimeSpan.FromMinutes(5)) : DeliveryResult.Delivered);
        await outbox.StartDispatcherAsync();

        await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "sms", "+33612345678"));
        await outbox.AttemptsCloseAsync("+33612345678", 1);
        outbox.Advance(TimeSpan.FromMinutes(4.9));
        await Eventually.SettleAsync();
        Assert.Single(sms.Calls);

        outbox.Advance(TimeSpan.FromMinutes(0.1));
        await outbox.StatusBecomesAsync("+33612345678", DeliveryStatus.Delivered);
        Assert.Equal(2, sms.Calls.Count);
    }

    [Fact]
    public async Task After_its_last_attempt_a_delivery_is_a_dead_letter_with_the_last_reason()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect, o => o.MaxAttempts = 3);
        var sms = outbox.AddChannel("sms");
        sms.Answer = (_, _) => Task.FromResult(DeliveryResult.Transient($"Timeout number {sms.Calls.Count}."));
        await outbox.StartDispatcherAsync();

        await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "sms", "+33612345678"));
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await outbox.AttemptsCloseAsync("+33612345678", attempt);
            outbox.Advance(TimeSpan.FromHours(1));
        }

        await outbox.StatusBecomesAsync("+33612345678", DeliveryStatus.Dead);
        var dead = await outbox.DeliveryToAsync("+33612345678");
        Assert.Equal("Gave up after 3 attempts. Timeout number 3.", dead.LastReason);
        outbox.Advance(TimeSpan.FromDays(1));
        await Eventually.SettleAsync();
        Assert.Equal(3, sms.Calls.Count);
    }

    [Fact]
    public async Task A_permanent_failure_is_a_dead_letter_at_once()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        var email = outbox.AddChannel("email");
        email.Answer = (_, _) => Task.FromResult(DeliveryResult.Permanent("The mailbox does not exist."));
        await outbox.StartDispatcherAsync();

        await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "email", "nobody@example.com"));

        await outbox.StatusBecomesAsync("nobody@example.com", DeliveryStatus.Dead);
        var dead = await outbox.DeliveryToAsync("nobody@example.com");
        Assert.Equal("The mailbox does not exist.", dead.LastReason);
        Assert.Equal("permanent", Assert.Single(await outbox.AttemptsAsync(dead)).Outcome);
    }

    [Fact]
    public async Task A_channel_no_plugin_provides_makes_a_dead_letter_that_says_so()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        await outbox.StartDispatcherAsync();

        await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "teams", "general"));

        await outbox.StatusBecomesAsync("general", DeliveryStatus.Dead);
        Assert.Equal("No loaded plugin provides the channel 'teams'.", (await outbox.DeliveryToAsync("general")).LastReason);
    }

    [Fact]
    public async Task A_channel_that_throws_is_a_transient_failure()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        var webhook = outbox.AddChannel("webhook");
        webhook.Answer = (_, _) => webhook.Calls.Count == 1 ? throw new HttpRequestException("Connection refused.") : Task.FromResult(DeliveryResult.Delivered);
        await outbox.StartDispatcherAsync();

        await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "webhook", "https://hooks.example.com/1"));
        await outbox.AttemptsCloseAsync("https://hooks.example.com/1", 1);
        var retrying = await outbox.DeliveryToAsync("https://hooks.example.com/1");
        Assert.Equal(DeliveryStatus.Retrying, retrying.Status);
        Assert.Equal("The channel failed: HttpRequestException: Connection refused.", retrying.LastReason);

        outbox.Advance(TimeSpan.FromMinutes(1));
        await outbox.StatusBecomesAsync("https://hooks.example.com/1", DeliveryStatus.Delivered);
    }

    [Fact]
    public async Task A_channel_that_does_not_answer_in_time_is_a_transient_failure()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect, o => o.SendTimeout = TimeSpan.FromSeconds(30));
        var webhook = outbox.AddChannel("webhook");
        webhook.Answer = async (_, cancellation) =>
        {
            await Task.Delay(Timeout.Infinite, cancellation);
            return DeliveryResult.Delivered;
        };
        await outbox.StartDispatcherAsync();

        await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "webhook", "https://hooks.example.com/1"));
        await Eventually.TrueAsync(() => webhook.InFlight == 1, "the attempt started");
        outbox.Advance(TimeSpan.FromSeconds(30));

        await outbox.AttemptsCloseAsync("https://hooks.example.com/1", 1);
        var retrying = await outbox.DeliveryToAsync("https://hooks.example.com/1");
        Assert.Equal(DeliveryStatus.Retrying, retrying.Status);
        Assert.Equal("The channel did not answer within 30 seconds.", retrying.LastReason);
    }

    [Fact]
    public async Task A_channel_never_has_more_sends_under_way_than_its_concurrency_and_others_are_not_held_up()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect, o => o.Channels["sms"] = new OutboxChannelOptions { Concurrency = 2 });
        var sms = outbox.AddChannel("sms");
        var email = outbox.AddChannel("email");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sms.Answer = async (_, _) =>
        {
            await gate.Task;
            return DeliveryResult.Delivered;
        };
        await outbox.StartDispatcherAsync();

        for (var i = 0; i < 6; i++)
        {
            await outbox.EnqueueAsync(OutboxOnDatabase.Message($"sms-{i}", "sms", $"+3361234567{i}"));
        }
        await outbox.EnqueueAsync(OutboxOnDatabase.Message("email-1", "email", "ann@example.com"));

        await Eventually.TrueAsync(() => sms.InFlight == 2, "two SMS under way");
        await outbox.StatusBecomesAsync("ann@example.com", DeliveryStatus.Delivered);
        await Eventually.SettleAsync();
        Assert.Equal(2, sms.Calls.Count);

        gate.SetResult();
        await Eventually.TrueAsync(() => sms.Confirmed.Count == 6, "every SMS delivered");
        Assert.Equal(2, sms.MostInFlight);
    }

    [Fact]
    public async Task Each_recipient_is_retried_on_its_own_and_a_confirmed_one_is_never_sent_again()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        var email = outbox.AddChannel("email");
        email.Answer = (n, _) => Task.FromResult(n.Recipient.Address == "bob@example.com" && email.CallsTo("bob@example.com") == 1
            ? DeliveryResult.Transient("Greylisted.")
            : DeliveryResult.Delivered);
        await outbox.StartDispatcherAsync();

        await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "email", "ann@example.com", "bob@example.com", "ANN@example.com"));
        await outbox.StatusBecomesAsync("ann@example.com", DeliveryStatus.Delivered);
        await outbox.StatusBecomesAsync("bob@example.com", DeliveryStatus.Retrying);
        outbox.Advance(TimeSpan.FromMinutes(1));

        await outbox.StatusBecomesAsync("bob@example.com", DeliveryStatus.Delivered);
        Assert.Equal(1, email.CallsTo("ann@example.com"));
        Assert.Equal(2, email.CallsTo("bob@example.com"));
        Assert.Equal(0, email.CallsTo("ANN@example.com"));
        var bob = Assert.Single(email.Calls.Where(n => n.Recipient.Address == "bob@example.com").Select(n => n.Id).Distinct());
        Assert.DoesNotContain(bob, email.Calls.Where(n => n.Recipient.Address == "ann@example.com").Select(n => n.Id));
    }

    [Fact]
    public async Task A_host_that_died_mid_attempt_leaves_its_deliveries_to_the_next_once_the_lease_runs_out()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect, o =>
        {
            o.Lease = TimeSpan.FromMinutes(2);
            o.StopTimeout = TimeSpan.Zero;
        });
        var email = outbox.AddChannel("email");
        var hung = new TaskCompletionSource<DeliveryResult>();
        email.Answer = (_, _) => email.Calls.Count == 1 ? hung.Task : Task.FromResult(DeliveryResult.Delivered);
        var dying = await outbox.StartDispatcherAsync();
        await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "email", "ann@example.com"));
        await Eventually.TrueAsync(() => email.InFlight == 1, "the attempt started");

        // A channel that ignores the stop and a zero grace: the host goes away as if killed, its claim left behind.
        await dying.StopAsync(CancellationToken.None);
        hung.SetResult(DeliveryResult.Delivered);
        await outbox.StartDispatcherAsync();
        outbox.Advance(TimeSpan.FromMinutes(1.9));
        await Eventually.SettleAsync();
        Assert.Single(email.Calls);

        outbox.Advance(TimeSpan.FromMinutes(0.1));
        await outbox.StatusBecomesAsync("ann@example.com", DeliveryStatus.Delivered);
        var attempts = await outbox.AttemptsAsync(await outbox.DeliveryToAsync("ann@example.com"));
        Assert.Equal(["interrupted", "delivered"], attempts.Select(a => a.Outcome));
        Assert.Equal(OutboxStore.InterruptedReason, attempts[0].Reason);
        Assert.Equal(2, email.Calls.Count);
    }

    [Fact]
    public async Task A_host_that_stops_gracefully_releases_its_attempts_for_the_next_at_once()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        var email = outbox.AddChannel("email");
        email.Answer = async (_, cancellation) =>
        {
            if (email.Calls.Count == 1)
            {
                await Task.Delay(Timeout.Infinite, cancellation);
            }
            return DeliveryResult.Delivered;
        };
        var stopping = await outbox.StartDispatcherAsync();
        await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "email", "ann@example.com"));
        await Eventually.TrueAsync(() => email.InFlight == 1, "the attempt started");

        await stopping.StopAsync(CancellationToken.None);
        await outbox.StartDispatcherAsync();

        await outbox.StatusBecomesAsync("ann@example.com", DeliveryStatus.Delivered);
        var attempts = await outbox.AttemptsAsync(await outbox.DeliveryToAsync("ann@example.com"));
        Assert.Equal(["interrupted", "delivered"], attempts.Select(a => a.Outcome));
    }
}

public sealed class DispatchOnSqlite() : DispatchTests(SqlDialect.Sqlite);

public sealed class DispatchOnPostgreSql() : DispatchTests(SqlDialect.PostgreSql);
