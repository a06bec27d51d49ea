using Dapper;
using Lookout.Kernel.Storage;

namespace Lookout.Kernel.Grains;

/// <summary>One stored grain state: its version and JSON payload.</summary>
public sealed record GrainStateRecord(string Etag, string Payload);

/// <summary>Reads and writes grain state with optimistic concurrency on the ETag.</summary>
public interface IGrainStorage
{
    Task<GrainStateRecord?> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken);

    /// <summary>Writes the payload when the stored ETag is <paramref name="expectedEtag"/> (null: no record yet) and returns the new ETag.</summary>
    /// <exception cref="InconsistentStateException">The stored record is not the expected one.</exception>
    Task<string> WriteAsync(string grainType, string grainKey, string? expectedEtag, string payload, CancellationToken cancellationToken);

    /// <summary>Deletes the record when the stored ETag is <paramref name="expectedEtag"/>.</summary>
    Task ClearAsync(string grainType, string grainKey, string? expectedEtag, CancellationToken cancellationToken);
}

/// <summary>Grain state in the <c>grain_state</c> table of the host's database.</summary>
public sealed class SqlGrainStorage(LookoutDatabase database, TimeProvider clock) : IGrainStorage
{
    public async Task<GrainStateRecord?> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<GrainStateRecord>(new CommandDefinition(
            "SELECT etag AS Etag, payload AS Payload FROM grain_state WHERE grain_type = @grainType AND grain_key = @grainKey",
            new { grainType, grainKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task<string> WriteAsync(string grainType, string grainKey, string? expectedEtag, string payload, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var etag = NextEtag(expectedEtag);
            var modifiedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var rows = expectedEtag is null
                ? await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO grain_state (grain_type, grain_key, etag, payload, modified_at)
                    VALUES (@grainType, @grainKey, @etag, @payload, @modifiedAt)
                    ON CONFLICT (grain_type, grain_key) DO NOTHING
                    """,
                    new { grainType, grainKey, etag, payload, modifiedAt }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
                : await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE grain_state SET etag = @etag, payload = @payload, modified_at = @modifiedAt
                    WHERE grain_type = @grainType AND grain_key = @grainKey AND etag = @expectedEtag
                    """,
                    new { grainType, grainKey, etag, payload, modifiedAt, expectedEtag }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (rows == 0)
            {
                throw new InconsistentStateException(
                    $"State of {grainType}/{grainKey} changed since ETag '{expectedEtag ?? "(none)"}' was read.");
            }
            return etag;
        }, cancellationToken);

    public Task ClearAsync(string grainType, string grainKey, string? expectedEtag, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            if (expectedEtag is null)
            {
                return;
            }
            var rows = await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM grain_state WHERE grain_type = @grainType AND grain_key = @grainKey AND etag = @expectedEtag",
                new { grainType, grainKey, expectedEtag }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (rows == 0)
            {
                throw new InconsistentStateException($"State of {grainType}/{grainKey} changed since ETag '{expectedEtag}' was read.");
            }
        }, cancellationToken);

    // ETags count writes; a random suffix keeps two activations that both wrote version N from agreeing.
    private static string NextEtag(string? current)
    {
        var version = current is null ? 0 : long.Parse(current.AsSpan(0, current.IndexOf('-', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
        return FormattableString.Invariant($"{version + 1}-{Random.Shared.Next():x8}");
    }
}
