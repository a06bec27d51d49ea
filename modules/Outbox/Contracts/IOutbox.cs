using System.Data.Common;

namespace Lookout.Outbox.Contracts;

/// <summary>
/// Where every notification Lookout sends is accepted: written in the same transaction as the state change that
/// caused it, then delivered by the dispatcher through its channel at least once, with retries, back-off and a
/// dead-letter state, every attempt in the delivery log. What is accepted survives a restart.
/// </summary>
public interface IOutbox
{
    /// <summary>
    /// Accepts <paramref name="message"/> inside the caller's transaction: it is sent only if that transaction
    /// commits. The dispatcher is woken at once; a message committed after it looked is picked up on its next poll.
    /// </summary>
    /// <param name="connection">The caller's open connection to the Lookout database.</param>
    /// <param name="transaction">The caller's transaction on <paramref name="connection"/>, e.g. from <c>LookoutDatabase.WriteAsync</c>.</param>
    /// <param name="message">What to send, to whom, through which channel.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>
    /// True when the message is new; false when the workspace already has a message with its
    /// <see cref="OutboxMessage.IdempotencyKey"/> (nothing is written: the first one is sent, once).
    /// </returns>
    /// <exception cref="ArgumentException">The message is invalid (blank key, bad channel name, a subject with CR or LF, no recipient...).</exception>
    Task<bool> EnqueueAsync(DbConnection connection, DbTransaction transaction, OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>Accepts <paramref name="message"/> in a transaction of its own, for callers with no state change to commit with it.</summary>
    /// <param name="message">What to send, to whom, through which channel.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when the message is new; false when its idempotency key was already used in its workspace.</returns>
    /// <exception cref="ArgumentException">The message is invalid.</exception>
    Task<bool> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken);
}
