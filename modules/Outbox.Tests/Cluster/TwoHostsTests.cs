using Dapper;
using Lookout.Host.Testing;
using Lookout.Kernel.Storage;
using Lookout.Outbox.Contracts;
using Lookout.Outbox.Tests.Support;
using Lookout.Plugins;
using Lookout.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Outbox.Tests.Cluster;

/// <summary>
/// Two hosts of one cluster dispatch one outbox on one PostgreSQL database (SQLite is one host by design). Each
/// host has a channel of its own, so the test sees which host sent what: a delivery both hosts claimed would reach
/// the channels twice under one notification id.
/// It runs alone: a thousand sends at full speed would slow the timing-sensitive tests running beside it.
/// </summary>
[Collection(nameof(TwoHostsTests))]
public sealed class TwoHostsTests
{
    private const int Messages = 1000;
    private const string Workspace = "workspace-of-two-hosts";

    [Fact]
    public async Task Two_hosts_sending_a_thousand_messages_send_each_exactly_once_and_share_the_work()
    {
        var onFirst = new TestChannel("email");
        var onSecond = new TestChannel("email");
        // A send takes a moment, as a real one does, so that both hosts claim while the other's sends are under way.
        onFirst.Answer = onSecond.Answer = async (_, ct) =>
        {
            await Task.Delay(2, ct);
            return DeliveryResult.Delivered;
        };
        var settings = new Dictionary<string, string?>
        {
            ["Outbox:PollInterval"] = "00:00:00.050",
            ["Outbox:Channels:email:Concurrency"] = "8",
        };
        await using var first = await LookoutApp.StartAsync(SqlDialect.PostgreSql, settings, OutboxHost.WithChannels(onFirst));
        await using var second = await first.JoinClusterAsync(settings, OutboxHost.WithChannels(onSecond));

        // Enqueued through both hosts at once, several at a time: each host is woken by its own enqueues and polls for the other's.
        var outboxes = new[] { first, second }.Select(app => app.Services.GetRequiredService<IOutbox>()).ToArray();
        await Parallel.ForAsync(0, Messages, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            Assert.True(await outboxes[i % 2].EnqueueAsync(
                new OutboxMessage(Workspace, $"message-{i}", "email", OutboxRecipients.To([Recipient.At($"reader-{i}@example.com")]), $"Subject {i}", $"Body {i}"), ct)));

        await Eventually.TrueAsync(() => onFirst.Confirmed.Count + onSecond.Confirmed.Count >= Messages, $"{Messages} messages confirmed", TimeSpan.FromSeconds(20));
        await Eventually.SettleAsync();

        var sent = onFirst.Calls.Concat(onSecond.Calls).ToList();
        Assert.Empty(sent.GroupBy(n => n.Id).Where(g => g.Count() > 1).Select(g => $"{g.First().Recipient.Address} sent {g.Count()} times"));
        Assert.Equal(
            Enumerable.Range(0, Messages).Select(i => $"reader-{i}@example.com").Order(StringComparer.Ordinal),
            sent.Select(n => n.Recipient.Address).Order(StringComparer.Ordinal));
        Assert.True(!onFirst.Calls.IsEmpty && !onSecond.Calls.IsEmpty, $"both hosts sent: the first {onFirst.Calls.Count}, the second {onSecond.Calls.Count}");

        // The log agrees: one attempt per delivery, every delivery delivered.
        await using var connection = await first.Services.GetRequiredService<LookoutDatabase>().OpenAsync(CancellationToken.None);
        Assert.Equal(Messages, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM ob_attempts WHERE workspace_id = @Workspace", new { Workspace }));
        Assert.Equal(Messages, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM ob_deliveries WHERE workspace_id = @Workspace AND status = 'delivered' AND attempt_count = 1", new { Workspace }));
    }
}

[CollectionDefinition(nameof(TwoHostsTests), DisableParallelization = true)]
public sealed class TwoHostsRunAlone;
