using Dapper;
using Lookout.Kernel.Storage;

namespace Lookout.Visitors.Tracking;

// Classes with properties rather than positional records: SQLite and PostgreSQL report integer columns as different
// CLR types, and Dapper converts property values but not constructor arguments.

/// <summary>One stored visit.</summary>
public sealed class VisitRow
{
    public int Number { get; init; }

    public long StartedAt { get; init; }

    public long LastActivityAt { get; init; }

    public string? EntryUrl { get; init; }

    public string? Referrer { get; init; }

    public string? SearchEngine { get; init; }

    public string? SearchKeywords { get; init; }

    public string? UtmSource { get; init; }

    public string? UtmMedium { get; init; }

    public string? UtmCampaign { get; init; }

    public string? CountryCode { get; init; }

    public string? CountryName { get; init; }

    public string? City { get; init; }

    public string? Organization { get; init; }

    public string? Device { get; init; }

    public string? Browser { get; init; }

    public string? Os { get; init; }

    public int PageViews { get; init; }
}

/// <summary>One stored page view with its final dwell.</summary>
public sealed class PageViewRow
{
    public string PageId { get; init; } = "";

    public int VisitNumber { get; init; }

    public string Url { get; init; } = "";

    public string? Title { get; init; }

    public string? Referrer { get; init; }

    public long EnteredAt { get; init; }

    public long DwellMs { get; init; }
}

/// <summary>A visitor's full history as the page view log stored it.</summary>
public sealed class VisitorHistory(LookoutDatabase database)
{
    public async Task<IReadOnlyList<VisitRow>> VisitsAsync(string siteId, string visitorId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<VisitRow>(new CommandDefinition(
            """
            SELECT number AS Number, started_at AS StartedAt, last_activity_at AS LastActivityAt, entry_url AS EntryUrl, referrer AS Referrer,
                   search_engine AS SearchEngine, search_keywords AS SearchKeywords, utm_source AS UtmSource, utm_medium AS UtmMedium,
                   utm_campaign AS UtmCampaign, country_code AS CountryCode, country_name AS CountryName, city AS City, organization AS Organization,
                   device AS Device, browser AS Browser, os AS Os, page_views AS PageViews
            FROM vi_visits WHERE site_id = @siteId AND visitor_id = @visitorId ORDER BY number DESC
            """,
            new { siteId, visitorId }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The page views of the visitor's latest visit in the log, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<PageViewRow>> LatestVisitPageViewsAsync(string siteId, string visitorId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PageViewRow>(new CommandDefinition(
            """
            SELECT page_id AS PageId, visit_number AS VisitNumber, url AS Url, title AS Title, referrer AS Referrer, entered_at AS EnteredAt, dwell_ms AS DwellMs
            FROM vi_page_views
            WHERE site_id = @siteId AND visitor_id = @visitorId
              AND visit_number = (SELECT MAX(visit_number) FROM vi_page_views WHERE site_id = @siteId AND visitor_id = @visitorId)
            ORDER BY entered_at DESC LIMIT @limit
            """,
            new { siteId, visitorId, limit }, cancellationToken: cancellationToken))).Reverse().ToList();
    }

    public async Task<IReadOnlyList<PageViewRow>> PageViewsAsync(string siteId, string visitorId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PageViewRow>(new CommandDefinition(
            """
            SELECT page_id AS PageId, visit_number AS VisitNumber, url AS Url, title AS Title, referrer AS Referrer, entered_at AS EnteredAt, dwell_ms AS DwellMs
            FROM vi_page_views WHERE site_id = @siteId AND visitor_id = @visitorId ORDER BY entered_at DESC LIMIT @limit
            """,
            new { siteId, visitorId, limit }, cancellationToken: cancellationToken))).ToList();
    }
}
