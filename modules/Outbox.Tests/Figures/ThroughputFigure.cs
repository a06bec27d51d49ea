using Lookout.Testing;
using System.Diagnostics;
using Lookout.Kernel.Paging;
using Lookout.Kernel.Storage;
using Lookout.Outbox.Deliveries;
using Lookout.Outbox.Tests.Support;
using Xunit.Abstractions;

namespace Lookout.Outbox.Tests.Figures;

/// <summary>
/// A figure, not a check: how many deliveries per second the dispatcher gets through a channel that does nothing, on
/// SQLite (one claim transaction per batch, one transaction per recorded outcome). Read it in the test output.
/// </summary>
public sealed class ThroughputFigure(ITestOutputHelper output)
{
    private const int Messages = 2000;

    [Theory]
    [InlineData(4)]
    [InlineData(32)]
    public async Task Deliveries_per_second_through_a_no_op_channel_on_SQLite(int concurrency)
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(SqlDialect.Sqlite, o => o.DefaultConcurrency = concurrency);
        var channel = outbox.AddChannel("noop");

        var enqueuing = Stopwatch.StartNew();
        foreach (var batch in Enumerable.Range(0, Messages).Chunk(100))
        {
            await outbox.Database.WriteAsync(async (connection, transaction) =>
            {
                foreach (var i in batch)
                {
                    await outbox.Outbox.EnqueueAsync(connection, transaction, OutboxOnDatabase.Message($"figure-{i}", "noop", $"visitor-{i}@example.com"), CancellationToken.None);
                }
            });
        }
        enqueuing.Stop();

        var dispatching = Stopwatch.StartNew();
        await outbox.StartDispatcherAsync();
        await Eventually.TrueAsync(
            async () => (await outbox.Log.PageAsync(OutboxOnDatabase.Workspace, new DeliveryFilter(null, DeliveryStatus.Delivered, null), new PageRequest { PageSize = 1 }, CancellationToken.None)).Total == Messages,
            "every delivery recorded delivered",
            TimeSpan.FromMinutes(5));
        dispatching.Stop();

        Assert.Equal(Messages, channel.Confirmed.Count);
        output.WriteLine($"SQLite, concurrency {concurrency}: enqueued {Messages} messages in batches of 100 at {Messages / enqueuing.Elapsed.TotalSeconds:0} messages/s; " +
            $"delivered and recorded them at {Messages / dispatching.Elapsed.TotalSeconds:0} deliveries/s ({dispatching.Elapsed.TotalMilliseconds / Messages:0.00} ms each); most sends at once {channel.MostInFlight}.");
    }
}
