using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Lookout.Kernel.Storage;

namespace Lookout.Workspaces.Sites;

/// <summary>A tracked website of a workspace.</summary>
public sealed record Site(string Id, string WorkspaceId, string Name, string SiteKey, IReadOnlyList<string> AllowedOrigins, string TimeZone, bool AnonymizeIp, string? DefaultOwnerUserId);

/// <summary>What an admin sets on a site.</summary>
public sealed record SiteSettings(string Name, IReadOnlyList<string> AllowedOrigins, string TimeZone, bool AnonymizeIp, string? DefaultOwnerUserId);

/// <summary>Sites, always read and written inside one workspace.</summary>
internal sealed class SiteStore(LookoutDatabase database, TimeProvider clock)
{
    private const string Columns = "id AS Id, workspace_id AS WorkspaceId, name AS Name, site_key AS SiteKey, allowed_origins AS AllowedOrigins, time_zone AS TimeZone, anonymize_ip AS AnonymizeIp, default_owner_id AS DefaultOwnerUserId";

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

    public async Task<Site> CreateAsync(string workspaceId, SiteSettings settings, CancellationToken cancellationToken)
    {
        var site = new Site(Ids.New(), workspaceId, settings.Name, NewSiteKey(), settings.AllowedOrigins, settings.TimeZone, settings.AnonymizeIp, settings.DefaultOwnerUserId);
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO ws_sites (id, workspace_id, name, site_key, allowed_origins, time_zone, anonymize_ip, default_owner_id, created_at)
            VALUES (@Id, @WorkspaceId, @Name, @SiteKey, @origins, @TimeZone, @AnonymizeIp, @DefaultOwnerUserId, @at)
            """,
            new { site.Id, site.WorkspaceId, site.Name, site.SiteKey, origins = JsonSerializer.Serialize(site.AllowedOrigins), site.TimeZone, site.AnonymizeIp, site.DefaultOwnerUserId, at = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken)), cancellationToken);
        return site;
    }

    /// <summary>Updates the site; false when it is not in this workspace.</summary>
    public async Task<bool> UpdateAsync(string workspaceId, string id, SiteSettings settings, CancellationToken cancellationToken) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE ws_sites SET name = @Name, allowed_origins = @origins, time_zone = @TimeZone, anonymize_ip = @AnonymizeIp, default_owner_id = @DefaultOwnerUserId
            WHERE workspace_id = @workspaceId AND id = @id
            """,
            new { workspaceId, id, settings.Name, origins = JsonSerializer.Serialize(settings.AllowedOrigins), settings.TimeZone, settings.AnonymizeIp, settings.DefaultOwnerUserId },
            transaction, cancellationToken: cancellationToken)), cancellationToken) == 1;

    /// <summary>Any workspace's site, by key or id: for ingestion, which has no caller workspace.</summary>
    public async Task<Site?> FindAnyAsync(string? siteKey, string? id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SiteRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ws_sites WHERE site_key = @siteKey OR id = @id",
            new { siteKey, id }, cancellationToken: cancellationToken));
        return row?.ToSite();
    }

    public async Task<Site?> FirstAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<SiteRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ws_sites ORDER BY created_at, id LIMIT 1", cancellationToken: cancellationToken));
        return row?.ToSite();
    }

    public async Task<bool> DeleteAsync(string workspaceId, string id, CancellationToken cancellationToken) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ws_sites WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }, transaction, cancellationToken: cancellationToken)), cancellationToken) == 1;

    // 20 characters of [a-z0-9]: public (it is in every page of the site) but not guessable in bulk.
    private static string NewSiteKey() => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 20);

    // A class, not a record: SQLite stores the flag as an integer, PostgreSQL as a boolean, and Dapper converts properties.
    private sealed class SiteRow
    {
        public string Id { get; set; } = "";

        public string WorkspaceId { get; set; } = "";

        public string Name { get; set; } = "";

        public string SiteKey { get; set; } = "";

        public string AllowedOrigins { get; set; } = "[]";

        public string TimeZone { get; set; } = "";

        public bool AnonymizeIp { get; set; }

        public string? DefaultOwnerUserId { get; set; }

        public Site ToSite() => new(Id, WorkspaceId, Name, SiteKey, JsonSerializer.Deserialize<List<string>>(AllowedOrigins) ?? [], TimeZone, AnonymizeIp, DefaultOwnerUserId);
    }
}
