using System.Data.Common;
using System.Globalization;
using Dapper;
using Lookout.Kernel.Storage;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Lookout.Kernel.Orleans.Sqlite;

/// <summary>
/// Orleans grain storage in Lookout's SQLite database (<c>orleans_grain_state</c>): one row per service, state name
/// and grain, the state as the provider's <see cref="IGrainStorageSerializer"/> writes it, and a version counted from 1
/// as its ETag. A write or clear must present the ETag of what is stored (none when nothing is), else it throws
/// <see cref="InconsistentStateException"/> and changes nothing. Orleans' ADO.NET providers refuse Microsoft.Data.Sqlite.
/// </summary>
/// <remarks>
/// Writes and clears are committed in groups: those that arrive while a transaction runs go together in the next one,
/// each with its own ETag check, so a host shedding thousands of grains at once (or stopping) pays one commit per
/// group, not per grain. A write whose caller cancels before its group starts is dropped; once its group started, it
/// completes.
/// </remarks>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private const string KeyFilter = "service_id = @serviceId AND state_name = @stateName AND grain_id = @grainId";
    private const string ReadSql = $"SELECT version AS Version, payload AS Payload FROM orleans_grain_state WHERE {KeyFilter}";
    private const string VersionSql = $"SELECT version FROM orleans_grain_state WHERE {KeyFilter}";
    private const string InsertSql = """
        INSERT INTO orleans_grain_state (service_id, state_name, grain_id, version, payload, modified_at)
        VALUES (@serviceId, @stateName, @grainId, @version, @payload, @at)
        """;
    private const string UpdateSql = $"UPDATE orleans_grain_state SET version = @version, payload = @payload, modified_at = @at WHERE {KeyFilter}";

    private readonly string _name;
    private readonly string _serviceId;
    private readonly IGrainStorageSerializer _serializer;
    private readonly LookoutDatabase _database;
    private readonly IActivatorProvider _activators;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private List<PendingWrite> _pending = [];
    private bool _writing;

    public SqliteGrainStorage(
        string name,
        string serviceId,
        SqliteGrainStorageOptions options,
        LookoutDatabase database,
        IActivatorProvider activators,
        TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        SqliteOrleansExtensions.EnsureSqlite(database, "grain storage");
        _name = name;
        _serviceId = serviceId;
        _serializer = options.GrainStorageSerializer;
        _database = database;
        _activators = activators;
        _clock = clock;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        StoredState? stored;
        await using (var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            stored = await connection.QuerySingleOrDefaultAsync<StoredState>(
                new CommandDefinition(ReadSql, new { serviceId = _serviceId, stateName, grainId = grainId.ToString() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        var state = stored?.Payload is { } payload ? _serializer.Deserialize<T>(new BinaryData(payload)) : default;
        grainState.State = state ?? NewState<T>();
        grainState.ETag = stored is null ? null : ETag(stored.Version);
        grainState.RecordExists = stored?.Payload is not null;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var payload = _serializer.Serialize(grainState.State).ToArray();
        grainState.ETag = await ReplaceAsync("write", stateName, grainId, grainState.ETag, payload, cancellationToken).ConfigureAwait(false);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        grainState.ETag = await ReplaceAsync("clear", stateName, grainId, grainState.ETag, payload: null, cancellationToken).ConfigureAwait(false);
        grainState.RecordExists = false;
        grainState.State = NewState<T>();
    }

    /// <summary>
    /// Stores <paramref name="payload"/> (none: cleared) if what is stored still has <paramref name="etag"/>, and returns
    /// the new ETag. Clearing a state that was never written stores nothing and leaves the ETag empty.
    /// </summary>
    private async Task<string?> ReplaceAsync(string operation, string stateName, GrainId grainId, string? etag, byte[]? payload, CancellationToken cancellationToken)
    {
        var write = new PendingWrite(stateName, grainId.ToString(), string.IsNullOrEmpty(etag) ? null : etag, payload);
        bool start;
        lock (_lock)
        {
            _pending.Add(write);
            start = !_writing;
            _writing = true;
        }
        if (start)
        {
            _ = Task.Run(WriteGroupsAsync, CancellationToken.None);
        }
        await using (cancellationToken.Register(static w => ((PendingWrite)w!).TryCancel(), write))
        {
            var (changed, current) = await write.Done.Task.ConfigureAwait(false);
            if (!changed)
            {
                throw new InconsistentStateException(
                    $"Version conflict ({operation}): ServiceId={_serviceId} ProviderName={_name} StateName={stateName} GrainId={grainId}: "
                    + $"stored ETag {current ?? "(none)"}, presented {write.Expected ?? "(none)"}.",
                    current,
                    write.Expected);
            }
            return current;
        }
    }

    /// <summary>Commits the writes waiting, one group per transaction, until none waits.</summary>
    private async Task WriteGroupsAsync()
    {
        while (true)
        {
            List<PendingWrite> group;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _writing = false;
                    return;
                }
                group = _pending;
                _pending = [];
            }
            group.RemoveAll(w => !w.TryStart());
            if (group.Count == 0)
            {
                continue;
            }
            try
            {
                var outcomes = await _database.WriteAsync(async (connection, transaction) =>
                {
                    var results = new (bool Changed, string? ETag)[group.Count];
                    for (var i = 0; i < group.Count; i++)
                    {
                        results[i] = await ApplyAsync(connection, transaction, group[i]).ConfigureAwait(false);
                    }
                    return results;
                }).ConfigureAwait(false);
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].Done.TrySetResult(outcomes[i]);
                }
            }
#pragma warning disable CA1031 // the failure goes to every caller of the group
            catch (Exception exception)
#pragma warning restore CA1031
            {
                foreach (var write in group)
                {
                    write.Done.TrySetException(exception);
                }
            }
        }
    }

    // One write of a group: what is stored now, the new ETag once changed, else the one that did not match.
    private async Task<(bool Changed, string? ETag)> ApplyAsync(DbConnection connection, DbTransaction transaction, PendingWrite write)
    {
        var key = new { serviceId = _serviceId, stateName = write.StateName, grainId = write.GrainId };
        var version = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(VersionSql, key, transaction)).ConfigureAwait(false);
        var stored = version is { } v ? ETag(v) : null;
        if (stored != write.Expected)
        {
            return (false, stored);
        }
        if (version is null && write.Payload is null)
        {
            return (true, null);
        }
        var next = (version ?? 0) + 1;
        await connection.ExecuteAsync(new CommandDefinition(
            version is null ? InsertSql : UpdateSql,
            new { key.serviceId, key.stateName, key.grainId, version = next, payload = write.Payload, at = _clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction)).ConfigureAwait(false);
        return (true, ETag(next));
    }

    private static string ETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private T NewState<T>() => _activators.GetActivator<T>().Create();

    private sealed record StoredState(long Version, byte[]? Payload);

    /// <summary>A write or clear waiting for its group; it either starts with its group or is cancelled, not both.</summary>
    private sealed class PendingWrite(string stateName, string grainId, string? expected, byte[]? payload)
    {
        private int _state; // 0 waiting, 1 started, 2 cancelled

        public string StateName { get; } = stateName;

        public string GrainId { get; } = grainId;

        public string? Expected { get; } = expected;

        public byte[]? Payload { get; } = payload;

        public TaskCompletionSource<(bool Changed, string? ETag)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryStart() => Interlocked.CompareExchange(ref _state, 1, 0) == 0;

        public void TryCancel()
        {
            if (Interlocked.CompareExchange(ref _state, 2, 0) == 0)
            {
                Done.TrySetCanceled();
            }
        }
    }
}
