using Dapper;
using Lookout.Kernel.Storage;

namespace Lookout.Kernel.Grains;

/// <summary>A reminder tick claimed for delivery.</summary>
public sealed record DueReminder(string GrainType, string GrainKey, string Name, long FirstDueAt, long DueAt, long PeriodMs);

/// <summary>Durable reminders; claiming a due one moves it to its next tick, so each tick is delivered by one host.</summary>
public interface IReminderTable
{
    Task UpsertAsync(string grainType, string grainKey, string name, DateTimeOffset firstDue, TimeSpan period, CancellationToken cancellationToken);

    Task DeleteAsync(string grainType, string grainKey, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<DueReminder>> ClaimDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);
}

/// <summary>Reminders in the <c>grain_reminders</c> table; PostgreSQL claims with <c>FOR UPDATE SKIP LOCKED</c>.</summary>
public sealed class SqlReminderTable(LookoutDatabase database) : IReminderTable
{
    public Task UpsertAsync(string grainType, string grainKey, string name, DateTimeOffset firstDue, TimeSpan period, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO grain_reminders (grain_type, grain_key, name, first_due_at, due_at, period_ms)
            VALUES (@grainType, @grainKey, @name, @due, @due, @period)
            ON CONFLICT (grain_type, grain_key, name)
            DO UPDATE SET first_due_at = excluded.first_due_at, due_at = excluded.due_at, period_ms = excluded.period_ms
            """,
            new { grainType, grainKey, name, due = firstDue.ToUnixTimeMilliseconds(), period = (long)period.TotalMilliseconds },
            transaction, cancellationToken: cancellationToken)), cancellationToken);

    public Task DeleteAsync(string grainType, string grainKey, string name, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM grain_reminders WHERE grain_type = @grainType AND grain_key = @grainKey AND name = @name",
            new { grainType, grainKey, name }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    public Task<IReadOnlyList<DueReminder>> ClaimDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<DueReminder>>(async (connection, transaction) =>
        {
            var nowMs = now.ToUnixTimeMilliseconds();
            var due = (await connection.QueryAsync<DueReminder>(new CommandDefinition(
                database.Sql(
                    sqlite: "SELECT grain_type AS GrainType, grain_key AS GrainKey, name AS Name, first_due_at AS FirstDueAt, due_at AS DueAt, period_ms AS PeriodMs FROM grain_reminders WHERE due_at <= @nowMs ORDER BY due_at LIMIT @max",
                    postgres: "SELECT grain_type AS GrainType, grain_key AS GrainKey, name AS Name, first_due_at AS FirstDueAt, due_at AS DueAt, period_ms AS PeriodMs FROM grain_reminders WHERE due_at <= @nowMs ORDER BY due_at LIMIT @max FOR UPDATE SKIP LOCKED"),
                new { nowMs, max }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
            foreach (var reminder in due)
            {
                // Ticks missed while no host ran are skipped, as Orleans does: the next one is in the future.
                var missed = (nowMs - reminder.DueAt) / reminder.PeriodMs + 1;
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE grain_reminders SET due_at = @next WHERE grain_type = @GrainType AND grain_key = @GrainKey AND name = @Name",
                    new { next = reminder.DueAt + missed * reminder.PeriodMs, reminder.GrainType, reminder.GrainKey, reminder.Name },
                    transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            return due;
        }, cancellationToken);
}
