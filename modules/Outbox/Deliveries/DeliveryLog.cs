using Dapper;
using Lookout.Kernel.Paging;
using Lookout.Kernel.Storage;

namespace Lookout.Outbox.Deliveries;

/// <summary>The delivery log as admins read it: deliveries and their attempts, always inside one workspace.</summary>
internal sealed class DeliveryLog(LookoutDatabase database)
{
    private const string Columns = """
        d.id AS Id, d.channel AS Channel, d.address AS Address, d.recipient_name AS RecipientName, d.status AS Status,
        d.attempts AS Attempts, d.attempt_count AS AttemptCount, d.due_at AS DueAt, d.claimed_until AS ClaimedUntil,
        d.last_reason AS LastReason, d.created_at AS CreatedAt, d.updated_at AS UpdatedAt, d.delivered_at AS DeliveredAt,
        m.subject AS Subject, m.idempotency_key AS MessageKey
        """;

    /// <summary>One page of the workspace's deliveries, newest first (a message's by address), and how many match in all.</summary>
    public async Task<(IReadOnlyList<DeliveryRow> Items, long Total)> PageAsync(string workspaceId, DeliveryFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var where = "d.workspace_id = @workspaceId";
        if (filter.Channel is not null)
        {
            where += " AND d.channel = @Channel";
        }
        if (filter.Status is not null)
        {
            where += " AND d.status = @Status";
        }
        if (filter.Recipient is not null)
        {
            // A substring of the address or the name, case aside; no LIKE, so % and _ are plain characters.
            where += $" AND ({Contains("lower(d.address)")} OR {Contains("lower(COALESCE(d.recipient_name, ''))")})";
        }
        var parameters = new { workspaceId, filter.Channel, filter.Status, recipient = filter.Recipient?.ToLowerInvariant(), take = page.Size, skip = page.Skip };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM ob_deliveries d WHERE {where}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM ob_deliveries d JOIN ob_messages m ON m.id = d.message_id
            WHERE {where} ORDER BY d.created_at DESC, d.message_id DESC, lower(d.address), d.id LIMIT @take OFFSET @skip
            """,
            parameters, cancellationToken: cancellationToken));
        return (rows.ToList(), total);
    }

    private string Contains(string text) => database.Sql($"instr({text}, @recipient) > 0", $"strpos({text}, @recipient) > 0");

    public async Task<DeliveryRow?> FindAsync(string workspaceId, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DeliveryRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ob_deliveries d JOIN ob_messages m ON m.id = d.message_id WHERE d.workspace_id = @workspaceId AND d.id = @id",
            new { workspaceId, id }, cancellationToken: cancellationToken));
    }

    /// <summary>The delivery's attempts, first to last.</summary>
    public async Task<IReadOnlyList<AttemptRow>> AttemptsAsync(string workspaceId, string deliveryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AttemptRow>(new CommandDefinition(
            """
            SELECT number AS Number, started_at AS StartedAt, finished_at AS FinishedAt, outcome AS Outcome, reason AS Reason
            FROM ob_attempts WHERE workspace_id = @workspaceId AND delivery_id = @deliveryId ORDER BY number
            """,
            new { workspaceId, deliveryId }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Makes a dead letter due now with a fresh attempt budget; false when it is not a dead letter with an address.</summary>
    public async Task<bool> ResendAsync(string workspaceId, string id, long now, CancellationToken cancellationToken) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE ob_deliveries SET status = 'pending', attempts = 0, due_at = @now, claimed_until = NULL, claim = NULL, last_reason = NULL, updated_at = @now
            WHERE workspace_id = @workspaceId AND id = @id AND status = 'dead' AND address <> ''
            """,
            new { workspaceId, id, now }, transaction, cancellationToken: cancellationToken)), cancellationToken) == 1;
}

/// <summary>What the delivery log is narrowed to; null means any.</summary>
internal sealed record DeliveryFilter(string? Channel, string? Status, string? Recipient);

// Properties rather than constructors: SQLite and PostgreSQL return different CLR types for the same columns.
internal sealed class DeliveryRow
{
    public string Id { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Address { get; set; } = "";
    public string? RecipientName { get; set; }
    public string Status { get; set; } = "";
    public long Attempts { get; set; }
    public long AttemptCount { get; set; }
    public long DueAt { get; set; }
    public long? ClaimedUntil { get; set; }
    public string? LastReason { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public long? DeliveredAt { get; set; }
    public string Subject { get; set; } = "";
    public string MessageKey { get; set; } = "";
}

internal sealed class AttemptRow
{
    public long Number { get; set; }
    public long StartedAt { get; set; }
    public long? FinishedAt { get; set; }
    public string? Outcome { get; set; }
    public string? Reason { get; set; }
}
