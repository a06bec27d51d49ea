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
        var expected = string.IsNullOrEmpty(etag) ? null : etag;
        var key = new { serviceId = _serviceId, stateName, grainId = grainId.ToString() };
        // What is stored now: the new ETag once changed, else the one that did not match.
        var (changed, current) = await _database.WriteAsync<(bool Changed, string? ETag)>(async (connection, transaction) =>
        {
            var version = await connection.QuerySingleOrDefaultAsync<long?>(
                new CommandDefinition(VersionSql, key, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var stored = version is { } v ? ETag(v) : null;
            if (stored != expected)
            {
                return (false, stored);
            }
            if (version is null && payload is null)
            {
                return (true, null);
            }
            var next = (version ?? 0) + 1;
            await connection.ExecuteAsync(new CommandDefinition(
                version is null ? InsertSql : UpdateSql,
                new { key.serviceId, key.stateName, key.grainId, version = next, payload, at = _clock.GetUtcNow().ToUnixTimeMilliseconds() },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (true, ETag(next));
        }, cancellationToken).ConfigureAwait(false);
        if (!changed)
        {
            throw new InconsistentStateException(
                $"Version conflict ({operation}): ServiceId={_serviceId} ProviderName={_name} StateName={stateName} GrainId={grainId}: "
                + $"stored ETag {current ?? "(none)"}, presented {expected ?? "(none)"}.",
                current,
                expected);
        }
        return current;
    }

    private static string ETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private T NewState<T>() => _activators.GetActivator<T>().Create();

    private sealed record StoredState(long Version, byte[]? Payload);
}
