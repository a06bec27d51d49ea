using System.Globalization;
using Dapper;
using Lookout.Kernel.Storage;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Lookout.Kernel.Orleans.Sqlite;

/// <summary>
/// Orleans' reminder table in Lookout's SQLite database (<c>orleans_reminders</c>), one row per service, grain and
/// reminder name. A row keeps its grain's ring position (<see cref="GrainId.GetUniformHashCode"/>) for the reminder
/// service's range reads, and a version counted from 0 as its ETag.
/// </summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private const string Columns =
        "grain_id AS GrainId, reminder_name AS ReminderName, start_at AS StartAt, period_ms AS PeriodMs, version AS Version";
    private const string GrainFilter = "service_id = @serviceId AND grain_id = @grainId";

    private readonly LookoutDatabase _database;
    private readonly string _serviceId;

    public SqliteReminderTable(LookoutDatabase database, IOptions<ClusterOptions> clusterOptions)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        SqliteOrleansExtensions.EnsureSqlite(database, "reminder table");
        _database = database;
        _serviceId = clusterOptions.Value.ServiceId;
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {Columns} FROM orleans_reminders WHERE {GrainFilter}", new { serviceId = _serviceId, grainId = grainId.ToString() }, cancellationToken);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>The reminders of grains whose ring position is in (<paramref name="begin"/>, <paramref name="end"/>], a range that wraps past the top of the ring when begin is not below end.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) =>
        ReadAsync(
            $"SELECT {Columns} FROM orleans_reminders WHERE service_id = @serviceId AND "
            + (begin < end ? "grain_hash > @begin AND grain_hash <= @end" : "(grain_hash > @begin OR grain_hash <= @end)"),
            new { serviceId = _serviceId, begin = (long)begin, end = (long)end },
            cancellationToken);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(
            $"SELECT {Columns} FROM orleans_reminders WHERE {GrainFilter} AND reminder_name = @reminderName",
            new { serviceId = _serviceId, grainId = grainId.ToString(), reminderName },
            cancellationToken).ConfigureAwait(false);
        return rows.Reminders.SingleOrDefault();
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // A start time of unspecified kind is taken as UTC, as Orleans' ADO.NET table does.
        var startAt = entry.StartAt.Kind == DateTimeKind.Local ? entry.StartAt.ToUniversalTime() : entry.StartAt;
        var version = await _database.WriteAsync((connection, transaction) => connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period_ms, version)
            VALUES (@serviceId, @grainId, @reminderName, @grainHash, @startAt, @periodMs, 0)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                grain_hash = excluded.grain_hash, start_at = excluded.start_at, period_ms = excluded.period_ms, version = version + 1
            RETURNING version
            """,
            new
            {
                serviceId = _serviceId,
                grainId = entry.GrainId.ToString(),
                reminderName = entry.ReminderName,
                grainHash = (long)entry.GrainId.GetUniformHashCode(),
                startAt = new DateTimeOffset(startAt.Ticks, TimeSpan.Zero).ToUnixTimeMilliseconds(),
                periodMs = (long)entry.Period.TotalMilliseconds,
            },
            transaction,
            cancellationToken: cancellationToken)), cancellationToken).ConfigureAwait(false);
        return ETag(version);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <summary>Deletes the reminder if it still has <paramref name="eTag"/>; false when it is gone or was registered again since.</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }
        var removed = await _database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM orleans_reminders WHERE {GrainFilter} AND reminder_name = @reminderName AND version = @version",
            new { serviceId = _serviceId, grainId = grainId.ToString(), reminderName, version },
            transaction,
            cancellationToken: cancellationToken)), cancellationToken).ConfigureAwait(false);
        return removed > 0;
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public Task TestOnlyClearTable(CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM orleans_reminders WHERE service_id = @serviceId", new { serviceId = _serviceId }, transaction, cancellationToken: cancellationToken)),
            cancellationToken);

    private async Task<ReminderTableData> ReadAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<StoredReminder>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new ReminderTableData(rows.Select(row => new ReminderEntry
        {
            GrainId = GrainId.Parse(row.GrainId, CultureInfo.InvariantCulture),
            ReminderName = row.ReminderName,
            StartAt = DateTimeOffset.FromUnixTimeMilliseconds(row.StartAt).UtcDateTime,
            Period = TimeSpan.FromMilliseconds(row.PeriodMs),
            ETag = ETag(row.Version),
        }));
    }

    private static string ETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private sealed record StoredReminder(string GrainId, string ReminderName, long StartAt, long PeriodMs, long Version);
}
