using System.Text.Json;
using Dapper;
using Lookout.Kernel.Paging;
using Lookout.Kernel.Storage;
using Lookout.Visitors.Collect;
using Lookout.Workspaces.Contracts;

namespace Lookout.Visitors.Leads;

/// <summary>An identified visitor: email (unique per workspace), name, company, phone, an owner and tags.</summary>
public sealed record Lead(string Id, string WorkspaceId, string? Email, string? Name, string? Company, string? Phone, string? OwnerUserId, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Leads and the visitors linked to them, always within one workspace.</summary>
public sealed class LeadStore(LookoutDatabase database, ISiteDirectory sites, TimeProvider clock)
{
    private const string Columns = "id AS Id, workspace_id AS WorkspaceId, email AS Email, name AS Name, company AS Company, phone AS Phone, owner_user_id AS OwnerUserId, tags AS Tags, created_at AS CreatedAt, updated_at AS UpdatedAt";

    /// <summary>
    /// Creates or updates the lead for an identify event and links the visitor to it. The lead is found by email, else
    /// by the visitor's current link; a new lead gets the site's default owner.
    /// </summary>
    public async Task<string> IdentifyAsync(string workspaceId, string siteId, string visitorId, IdentifyEvent identify, CancellationToken cancellationToken)
    {
        var email = identify.Email?.Trim().ToLowerInvariant();
        var defaultOwner = (await sites.FindByIdAsync(siteId, cancellationToken))?.DefaultOwnerUserId;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var leadId = email is null ? null : await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT id FROM vi_leads WHERE workspace_id = @workspaceId AND email = @email", new { workspaceId, email }, transaction, cancellationToken: cancellationToken));
            leadId ??= await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                """
                SELECT l.id FROM vi_lead_visitors v JOIN vi_leads l ON l.id = v.lead_id
                WHERE v.site_id = @siteId AND v.visitor_id = @visitorId AND (l.email IS NULL OR @email IS NULL OR l.email = @email)
                """,
                new { siteId, visitorId, email }, transaction, cancellationToken: cancellationToken));
            if (leadId is null)
            {
                leadId = Ids.New();
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO vi_leads (id, workspace_id, email, name, company, phone, owner_user_id, tags, created_at, updated_at)
                    VALUES (@leadId, @workspaceId, @email, @Name, @Company, @Phone, @defaultOwner, '[]', @now, @now)
                    """,
                    new { leadId, workspaceId, email, identify.Name, identify.Company, identify.Phone, defaultOwner, now }, transaction, cancellationToken: cancellationToken));
            }
            else
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE vi_leads SET email = COALESCE(@email, email), name = COALESCE(@Name, name), company = COALESCE(@Company, company),
                        phone = COALESCE(@Phone, phone), updated_at = @now
                    WHERE id = @leadId
                    """,
                    new { leadId, email, identify.Name, identify.Company, identify.Phone, now }, transaction, cancellationToken: cancellationToken));
            }
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO vi_lead_visitors (lead_id, site_id, visitor_id) VALUES (@leadId, @siteId, @visitorId)
                ON CONFLICT (site_id, visitor_id) DO UPDATE SET lead_id = excluded.lead_id
                """,
                new { leadId, siteId, visitorId }, transaction, cancellationToken: cancellationToken));
            return leadId;
        }, cancellationToken);
    }

    /// <summary>One page of the workspace's leads, last updated first; <paramref name="text"/> matches email, name or company.</summary>
    public async Task<(IReadOnlyList<Lead> Items, long Total)> PageAsync(string workspaceId, string? text, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var pattern = string.IsNullOrWhiteSpace(text) ? null : $"%{text.Trim().ToLowerInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%";
        const string Where = """
            workspace_id = @workspaceId
              AND (@pattern IS NULL OR LOWER(COALESCE(email, '')) LIKE @pattern OR LOWER(COALESCE(name, '')) LIKE @pattern OR LOWER(COALESCE(company, '')) LIKE @pattern)
            """;
        var parameters = new { workspaceId, pattern, limit = page.Size, offset = page.Skip };
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM vi_leads WHERE {Where}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<LeadRow>(new CommandDefinition(
            $"SELECT {Columns} FROM vi_leads WHERE {Where} ORDER BY updated_at DESC, id LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken));
        return (rows.Select(r => r.ToLead()).ToList(), total);
    }

    public async Task<Lead?> FindAsync(string workspaceId, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LeadRow>(new CommandDefinition(
            $"SELECT {Columns} FROM vi_leads WHERE workspace_id = @workspaceId AND id = @id", new { workspaceId, id }, cancellationToken: cancellationToken));
        return row?.ToLead();
    }

    public async Task<bool> UpdateAsync(string workspaceId, string id, string? ownerUserId, IReadOnlyList<string> tags, CancellationToken cancellationToken) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE vi_leads SET owner_user_id = @ownerUserId, tags = @tags, updated_at = @now WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id, ownerUserId, tags = JsonSerializer.Serialize(tags), now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken)), cancellationToken) == 1;

    /// <summary>The visitors (site, visitor) linked to a lead.</summary>
    public async Task<IReadOnlyList<(string SiteId, string VisitorId)>> VisitorsAsync(string leadId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(string, string)>(new CommandDefinition(
            "SELECT site_id, visitor_id FROM vi_lead_visitors WHERE lead_id = @leadId", new { leadId }, cancellationToken: cancellationToken))).ToList();
    }

    private sealed record LeadRow(string Id, string WorkspaceId, string? Email, string? Name, string? Company, string? Phone, string? OwnerUserId, string Tags, long CreatedAt, long UpdatedAt)
    {
        public Lead ToLead() => new(Id, WorkspaceId, Email, Name, Company, Phone, OwnerUserId,
            JsonSerializer.Deserialize<List<string>>(Tags) ?? [], DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt));
    }
}
