using Orleans;

namespace Lookout.Visitors.Contracts;

/// <summary>A visitor on a site right now, as operators see it in the live view.</summary>
[GenerateSerializer, Immutable]
public sealed record VisitorSummary(
    string WorkspaceId,
    string SiteId,
    string VisitorId,
    string? CurrentUrl,
    string? CurrentTitle,
    DateTimeOffset? PageEnteredAt,
    long CurrentDwellMs,
    int PagesThisVisit,
    DateTimeOffset VisitStartedAt,
    DateTimeOffset LastSeenAt,
    long TimeOnSiteMs,
    string? Referrer,
    string? SearchEngine,
    string? SearchKeywords,
    bool Returning,
    int VisitCount,
    string? CountryCode,
    string? CountryName,
    string? City,
    string? Organization,
    string? Device,
    string? Browser,
    string? Os,
    string? LeadId,
    bool Left);

/// <summary>
/// Told after a visitor grain applied a batch. This is the visitor grain's extension point: the live view listens
/// here now; compiled rule sets (site alerts, prospect rules, wizard alerts) plug in the same way. Called inside the
/// grain's turn: it must be fast and must not block.
/// </summary>
public interface IVisitorObserver
{
    void OnVisitorChanged(VisitorSummary visitor);
}
