using Dapper;
using Lookout.Exclusions.Matching;
using Lookout.Kernel.Storage;

namespace Lookout.Exclusions.Exclusions;

/// <summary>Exclusions, always read and written inside one workspace.</summary>
internal sealed class ExclusionStore(LookoutDatabase database, TimeProvider clock)
{
    private const string Columns = """
        id AS Id, workspace_id AS WorkspaceId, site_id AS SiteId, kind AS Kind, pattern AS Pattern, note AS Note,
        enabled AS Enabled, hit_count AS HitCount, last_hit_at AS LastHitAt
        """;

    /// <summary>The workspace's exclusions in the order they were created; with <paramref name="siteId"/>, those that apply to that site.</summary>
    public async Task<IReadOnlyList<Exclusion>> ListAsync(string workspaceId, string? siteId, CancellationToken cancellationToken)
    {
        var filter = siteId is null ? "" : "AND (site_id IS NULL OR site_id = @siteId)";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ExclusionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ex_exclusions WHERE workspace_id = @workspaceId {filter} ORDER BY created_at, id",
            new { workspaceId, siteId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToExclusion()).ToList();
    }

    public async Task<Exclusion?> FindAsync(string workspaceId, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ExclusionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ex_exclusions WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }, cancellationToken: cancellationToken));
        return row?.ToExclusion();
    }

    public async Task<Exclusion> CreateAsync(string workspaceId, ExclusionDraft draft, CancellationToken cancellationToken)
    {
        var exclusion = new Exclusion(Ids.New(), workspaceId, draft.SiteId, draft.Kind, draft.Pattern, draft.Note, draft.Enabled, 0, null);
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO ex_exclusions (id, workspace_id, site_id, kind, pattern, note, enabled, hit_count, last_hit_at, created_at)
            VALUES (@Id, @WorkspaceId, @SiteId, @kind, @Pattern, @Note, @Enabled, 0, NULL, @at)
            """,
            new { exclusion.Id, exclusion.WorkspaceId, exclusion.SiteId, kind = draft.Kind.ToString(), exclusion.Pattern, exclusion.Note, exclusion.Enabled, at = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken)), cancellationToken);
        return exclusion;
    }

    /// <summary>Replaces what the admin sets, keeping the hit count; false when the exclusion is not in this workspace.</summary>
    public async Task<bool> UpdateAsync(string workspaceId, string id, ExclusionDraft draft, CancellationToken cancellationToken) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE ex_exclusions SET site_id = @SiteId, kind = @kind, pattern = @Pattern, note = @Note, enabled = @Enabled
            WHERE workspace_id = @workspaceId AND id = @id
            """,
            new { workspaceId, id, draft.SiteId, kind = draft.Kind.ToString(), draft.Pattern, draft.Note, draft.Enabled },
            transaction, cancellationToken: cancellationToken)), cancellationToken) == 1;

    public async Task<bool> DeleteAsync(string workspaceId, string id, CancellationToken cancellationToken) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ex_exclusions WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }, transaction, cancellationToken: cancellationToken)), cancellationToken) == 1;

    /// <summary>Adds counted hits in one transaction; hits of exclusions deleted meanwhile are dropped.</summary>
    public Task AddHitsAsync(IReadOnlyList<HitTally> tallies, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE ex_exclusions
            SET hit_count = hit_count + @Count,
                last_hit_at = CASE WHEN last_hit_at IS NULL OR last_hit_at < @LastHitAt THEN @LastHitAt ELSE last_hit_at END
            WHERE workspace_id = @WorkspaceId AND id = @ExclusionId
            """,
            tallies, transaction, cancellationToken: cancellationToken)), cancellationToken);

    // Properties rather than a constructor: SQLite reads enabled as an integer, PostgreSQL as a boolean.
    private sealed class ExclusionRow
    {
        public string Id { get; set; } = "";
        public string WorkspaceId { get; set; } = "";
        public string? SiteId { get; set; }
        public string Kind { get; set; } = "";
        public string Pattern { get; set; } = "";
        public string Note { get; set; } = "";
        public bool Enabled { get; set; }
        public long HitCount { get; set; }
        public long? LastHitAt { get; set; }

        public Exclusion ToExclusion() => new(
            Id, WorkspaceId, SiteId, Enum.Parse<ExclusionKind>(Kind), Pattern, Note, Enabled, HitCount,
            LastHitAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null);
    }
}
