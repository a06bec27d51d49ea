using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Lookout.Kernel.Storage;

namespace Lookout.Workspaces.Sites;

/// <summary>A tracked website of a workspace.</summary>
public sealed record Site(string Id, string WorkspaceId, string Name, string SiteKey, IReadOnlyList<string> AllowedOrigins, string TimeZone);

/// <summary>Sites, always read and written inside one workspace.</summary>
internal sealed class SiteStore(LookoutDatabase database, TimeProvider clock)
{
    private const string Columns = "id AS Id, workspace_id AS WorkspaceId, name AS Name, site_key AS SiteKey, allowed_origins AS AllowedOrigins, time_zone AS TimeZone";

    public async Task<IReadOnlyList<Site>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SiteRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ws_sites WHERE workspace_id = @workspaceId ORDER BY name, id",
            new { workspaceId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSite()).ToList();
    }

    public async Task<Site?> FindAsync(string workspaceId, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SiteRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ws_sites WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }, cancellationToken: cancellationToken));
        return row?.ToSite();
    }

    public async Task<Site> CreateAsync(string workspaceId, string name, IReadOnlyList<string> allowedOrigins, string timeZone, CancellationToken cancellationToken)
    {
        var site = new Site(Ids.New(), workspaceId, name, NewSiteKey(), allowedOrigins, timeZone);
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO ws_sites (id, workspace_id, name, site_key, allowed_origins, time_zone, created_at)
            VALUES (@Id, @WorkspaceId, @Name, @SiteKey, @origins, @TimeZone, @at)
            """,
            new { site.Id, site.WorkspaceId, site.Name, site.SiteKey, origins = JsonSerializer.Serialize(allowedOrigins), site.TimeZone, at = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken)), cancellationToken);
        return site;
    }

    /// <summary>Updates the site; false when it is not in this workspace.</summary>
    public async Task<bool> UpdateAsync(string workspaceId, string id, string name, IReadOnlyList<string> allowedOrigins, string timeZone, CancellationToken cancellationToken) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ws_sites SET name = @name, allowed_origins = @origins, time_zone = @timeZone WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id, name, origins = JsonSerializer.Serialize(allowedOrigins), timeZone },
            transaction, cancellationToken: cancellationToken)), cancellationToken) == 1;

    public async Task<bool> DeleteAsync(string workspaceId, string id, CancellationToken cancellationToken) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ws_sites WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }, transaction, cancellationToken: cancellationToken)), cancellationToken) == 1;

    // 20 characters of [a-z0-9]: public (it is in every page of the site) but not guessable in bulk.
    private static string NewSiteKey() => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 20);

    private sealed record SiteRow(string Id, string WorkspaceId, string Name, string SiteKey, string AllowedOrigins, string TimeZone)
    {
        public Site ToSite() => new(Id, WorkspaceId, Name, SiteKey, JsonSerializer.Deserialize<List<string>>(AllowedOrigins) ?? [], TimeZone);
    }
}
