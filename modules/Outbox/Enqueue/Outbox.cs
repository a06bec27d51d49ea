using System.Data.Common;
using Lookout.Kernel.Storage;
using Lookout.Outbox.Contracts;
using Lookout.Outbox.Dispatch;
using Lookout.Outbox.Deliveries;
using Lookout.Outbox.Messages;

namespace Lookout.Outbox.Enqueue;

/// <inheritdoc cref="IOutbox"/>
internal sealed class Outbox(OutboxStore store, DispatchSignal signal, TimeProvider clock) : IOutbox
{
    public async Task<bool> EnqueueAsync(DbConnection connection, DbTransaction transaction, OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        MessageRules.Check(message);
        var stored = new StoredMessage(Ids.New(), message.WorkspaceId, message.IdempotencyKey, message.Channel, message.Subject, MessagePayload.Of(message).ToJson());
        // Concrete recipients fan out now; a spec waits for the dispatcher, which resolves it against the contacts of the moment.
        var deliveries = message.Recipients.Addresses?
            .DistinctBy(r => r.Address.ToLowerInvariant())
            .Select(NewDelivery.To)
            .ToList();
        var added = await OutboxStore.InsertMessageAsync(connection, transaction, stored, deliveries, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        if (added)
        {
            signal.Wake();
        }
        return added;
    }

    public async Task<bool> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var added = await store.Database.WriteAsync((connection, transaction) => EnqueueAsync(connection, transaction, message, cancellationToken), cancellationToken);
        if (added)
        {
            signal.Wake();
        }
        return added;
    }
}
