using System.Data.Common;
using Dapper;
using Lookout.Kernel.Storage;
using Lookout.Outbox.Deliveries;
using Lookout.Plugins;

namespace Lookout.Outbox.Messages;

/// <summary>
/// The outbox's tables as the dispatcher sees them: messages accepted, resolved into deliveries, deliveries claimed
/// for an attempt under a lease, and each attempt's outcome. Times are Unix milliseconds of the injected clock.
/// </summary>
internal sealed class OutboxStore(LookoutDatabase database)
{
    private const string DueDelivery = "status IN ('pending', 'retrying') AND due_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)";
    private const string DueMessage = "state = 'pending' AND due_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)";

    public LookoutDatabase Database => database;

    /// <summary>Another host may claim the same rows on PostgreSQL: it skips those locked here. SQLite has one writer.</summary>
    private string SkipLocked => database.Sql("", "FOR UPDATE SKIP LOCKED");

    /// <summary>
    /// Writes a message (and, when its recipients are concrete, its deliveries) in the caller's transaction; false
    /// when its idempotency key is taken in its workspace.
    /// </summary>
    public static async Task<bool> InsertMessageAsync(
        DbConnection connection, DbTransaction transaction, StoredMessage message, IReadOnlyList<NewDelivery>? deliveries, long now, CancellationToken cancellationToken)
    {
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO ob_messages (id, workspace_id, idempotency_key, channel, subject, payload, state, resolve_attempts, due_at, claimed_until, created_at, template_syntax)
            VALUES (@Id, @WorkspaceId, @IdempotencyKey, @Channel, @Subject, @Payload, @state, 0, @now, NULL, @now, 'liquid')
            ON CONFLICT (workspace_id, idempotency_key) DO NOTHING
            """,
            new { message.Id, message.WorkspaceId, message.IdempotencyKey, message.Channel, message.Subject, message.Payload, state = deliveries is null ? "pending" : "resolved", now },
            transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            return false;
        }
        if (deliveries is not null)
        {
            await InsertDeliveriesAsync(connection, transaction, message, deliveries, now, cancellationToken);
        }
        return true;
    }

    /// <summary>Claims up to <paramref name="limit"/> messages whose recipients are due to be resolved, for <paramref name="lease"/>.</summary>
    public Task<IReadOnlyList<ClaimedMessage>> ClaimMessagesAsync(int limit, long now, long leaseUntil, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<ClaimedMessage>>(async (connection, transaction) => (await connection.QueryAsync<ClaimedMessage>(new CommandDefinition(
            $"""
            UPDATE ob_messages SET claimed_until = @leaseUntil, resolve_attempts = resolve_attempts + 1
            WHERE id IN (SELECT id FROM ob_messages WHERE {DueMessage} ORDER BY due_at LIMIT @limit {SkipLocked})
            RETURNING id AS Id, workspace_id AS WorkspaceId, idempotency_key AS IdempotencyKey, channel AS Channel, payload AS Payload, resolve_attempts AS ResolveAttempts
            """,
            new { limit, now, leaseUntil }, transaction, cancellationToken: cancellationToken))).ToList(), cancellationToken);

    /// <summary>Stores what a message's recipients resolved to and marks it resolved; deliveries it already has are kept as they are.</summary>
    public Task CompleteResolutionAsync(ClaimedMessage message, IReadOnlyList<NewDelivery> deliveries, long now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var stored = new StoredMessage(message.Id, message.WorkspaceId, message.IdempotencyKey, message.Channel, "", "");
            await InsertDeliveriesAsync(connection, transaction, stored, deliveries, now, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE ob_messages SET state = 'resolved', claimed_until = NULL WHERE id = @Id",
                new { message.Id }, transaction, cancellationToken: cancellationToken));
        }, cancellationToken);

    /// <summary>Makes a message whose recipients could not be resolved due again at <paramref name="dueAt"/>.</summary>
    public Task RetryResolutionAsync(ClaimedMessage message, long dueAt, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ob_messages SET due_at = @dueAt, claimed_until = NULL WHERE id = @Id",
            new { message.Id, dueAt }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>The channels that have deliveries due now.</summary>
    public async Task<IReadOnlyList<string>> DueChannelsAsync(long now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT DISTINCT channel FROM ob_deliveries WHERE {DueDelivery}", new { now }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due deliveries of <paramref name="channel"/> until <paramref name="leaseUntil"/>
    /// and opens an attempt for each in the delivery log. An attempt a previous claim left open (its host died) is closed as interrupted.
    /// </summary>
    public Task<IReadOnlyList<ClaimedDelivery>> ClaimDeliveriesAsync(string channel, int limit, long now, long leaseUntil, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<ClaimedDelivery>>(async (connection, transaction) =>
        {
            var claim = Ids.New();
            var claimed = (await connection.QueryAsync<ClaimedDelivery>(new CommandDefinition(
                $"""
                UPDATE ob_deliveries
                SET claimed_until = @leaseUntil, claim = @claim, attempts = attempts + 1, attempt_count = attempt_count + 1, updated_at = @now
                WHERE id IN (SELECT id FROM ob_deliveries WHERE channel = @channel AND {DueDelivery} ORDER BY due_at LIMIT @limit {SkipLocked})
                RETURNING id AS Id, workspace_id AS WorkspaceId, message_id AS MessageId, idempotency_key AS IdempotencyKey, channel AS Channel,
                    address AS Address, recipient_name AS RecipientName, time_zone AS TimeZone, csv AS Csv, attempts AS Attempts,
                    attempt_count AS AttemptNumber, claim AS Claim
                """,
                new { channel, limit, now, leaseUntil, claim }, transaction, cancellationToken: cancellationToken))).ToList();
            if (claimed.Count == 0)
            {
                return claimed;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE ob_attempts SET finished_at = @now, outcome = 'interrupted', reason = @reason WHERE {database.AnyOf("delivery_id", "ids")} AND finished_at IS NULL",
                new { now, reason = InterruptedReason, ids = claimed.Select(d => d.Id).ToArray() }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO ob_attempts (delivery_id, number, workspace_id, started_at) VALUES (@Id, @AttemptNumber, @WorkspaceId, @now)",
                claimed.Select(d => new { d.Id, d.AttemptNumber, d.WorkspaceId, now }), transaction, cancellationToken: cancellationToken));
            return claimed;
        }, cancellationToken);

    public const string InterruptedReason = "The host stopped before the channel answered; the notification may have been sent.";

    /// <summary>The payloads of messages, by id.</summary>
    public async Task<IReadOnlyDictionary<string, MessagePayload>> PayloadsAsync(IEnumerable<string> messageIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string Payload)>(new CommandDefinition(
            $"SELECT id, payload FROM ob_messages WHERE {database.AnyOf("id", "ids")}", new { ids = messageIds.Distinct().ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Id, r => MessagePayload.FromJson(r.Payload), StringComparer.Ordinal);
    }

    /// <summary>
    /// Closes the attempt with its outcome and moves the delivery on as <paramref name="step"/> says: delivered, dead,
    /// or due again. A delivery is recorded delivered even when its lease ran out meanwhile (it did leave); a failure
    /// under a lost lease only closes its attempt, since another host owns the delivery now.
    /// </summary>
    public Task RecordAsync(ClaimedDelivery delivery, DeliveryStep step, long now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE ob_attempts SET finished_at = @now, outcome = @Outcome, reason = @AttemptReason WHERE delivery_id = @Id AND number = @AttemptNumber AND finished_at IS NULL",
                new { delivery.Id, delivery.AttemptNumber, now, step.Outcome, step.AttemptReason }, transaction, cancellationToken: cancellationToken));
            var sql = step.Status == DeliveryStatus.Delivered
                ? """
                    UPDATE ob_deliveries SET status = 'delivered', delivered_at = @now, updated_at = @now, last_reason = NULL,
                        claimed_until = CASE WHEN claim = @Claim THEN NULL ELSE claimed_until END,
                        claim = CASE WHEN claim = @Claim THEN NULL ELSE claim END
                    WHERE id = @Id AND status <> 'delivered'
                    """
                : """
                    UPDATE ob_deliveries SET status = @Status, due_at = COALESCE(@RetryAt, due_at), last_reason = @DeliveryReason, updated_at = @now,
                        claimed_until = NULL, claim = NULL
                    WHERE id = @Id AND claim = @Claim
                    """;
            await connection.ExecuteAsync(new CommandDefinition(
                sql, new { delivery.Id, delivery.Claim, step.Status, step.DeliveryReason, step.RetryAt, now }, transaction, cancellationToken: cancellationToken));
        }, cancellationToken);

    /// <summary>Closes the attempt as interrupted and makes the delivery due at once: the host is stopping and gave up waiting for the channel.</summary>
    public Task ReleaseAsync(ClaimedDelivery delivery, long now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE ob_attempts SET finished_at = @now, outcome = 'interrupted', reason = @reason WHERE delivery_id = @Id AND number = @AttemptNumber AND finished_at IS NULL",
                new { delivery.Id, delivery.AttemptNumber, now, reason = InterruptedReason }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE ob_deliveries SET due_at = @now, claimed_until = NULL, claim = NULL, updated_at = @now WHERE id = @Id AND claim = @Claim",
                new { delivery.Id, delivery.Claim, now }, transaction, cancellationToken: cancellationToken));
        }, cancellationToken);

    private static Task<int> InsertDeliveriesAsync(
        DbConnection connection, DbTransaction transaction, StoredMessage message, IReadOnlyList<NewDelivery> deliveries, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO ob_deliveries (id, workspace_id, message_id, idempotency_key, channel, address, recipient_name, time_zone, csv,
                status, attempts, attempt_count, due_at, claimed_until, claim, last_reason, created_at, updated_at, delivered_at)
            VALUES (@Id, @WorkspaceId, @MessageId, @IdempotencyKey, @Channel, @Address, @Name, @TimeZone, @Csv,
                @Status, 0, 0, @now, NULL, NULL, @Reason, @now, @now, NULL)
            ON CONFLICT (workspace_id, idempotency_key) DO NOTHING
            """,
            deliveries.Select(d => new
            {
                Id = Ids.New(),
                message.WorkspaceId,
                MessageId = message.Id,
                IdempotencyKey = d.KeyFor(message.WorkspaceId, message.IdempotencyKey, message.Channel),
                message.Channel,
                d.Address,
                d.Name,
                d.TimeZone,
                Csv = NewDelivery.WriteCsv(d.Csv),
                Status = d.UnreachableReason is null ? DeliveryStatus.Pending : DeliveryStatus.Dead,
                Reason = d.UnreachableReason,
                now,
            }),
            transaction, cancellationToken: cancellationToken));
}

/// <summary>What an attempt's answer does: the attempt's outcome and reason, the delivery's new status, reason and due time.</summary>
internal sealed record DeliveryStep(string Outcome, string? AttemptReason, string Status, string? DeliveryReason, long? RetryAt);

/// <summary>A message row as written.</summary>
internal sealed record StoredMessage(string Id, string WorkspaceId, string IdempotencyKey, string Channel, string Subject, string Payload);
