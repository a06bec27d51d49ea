using System.Net;
using Lookout.Exclusions.Contracts;
using Lookout.Visitors.Collect;
using Lookout.Visitors.Contracts;
using Lookout.Visitors.Enrichment;
using Lookout.Visitors.Leads;
using Lookout.Visitors.Tracking;
using Orleans;

namespace Lookout.Visitors.Grains;

/// <summary>
/// Keeps one visitor's state: visits (30 minutes of inactivity start a new one), page views with dwell time, the
/// visit's entry page, referrer, search keywords, UTM, location and device. Finished page views go to the
/// <see cref="TrackingLog"/>; the observers (live view now, rule sets later) are told after every batch. Its state is
/// written when it leaves memory (idle, or the host stopping), not at every event: the page view log has the history.
/// </summary>
public sealed class VisitorGrain(
    [PersistentState("visitor")] IPersistentState<VisitorState> state,
    VisitEnricher enricher,
    IExclusionPolicy exclusions,
    TrackingLog log,
    VisitorHistory history,
    LeadStore leads,
    IEnumerable<IVisitorObserver> observers) : Grain, IVisitorGrain
{
    /// <summary>Page views of a visit read back from the log after a host died; a longer visit counts only these.</summary>
    private const int MaxCatchUpPages = 1_000;

    /// <summary>
    /// URLs, titles and referrers repeat across a site's visitors: an open page keeps the one shared copy, and the
    /// copy each request parsed dies young instead of living (and being collected) as long as the page stays open.
    /// </summary>
    private static readonly BoundedCache<string, string> SharedTexts = new(20_000);
    private const int MaxSharedLength = 512;
    private readonly IVisitorObserver[] _observers = observers.ToArray();
    private string? _siteId;
    private string? _visitorId;
    private IVisitLog _log = null!;
    private bool _changed;

    private VisitorState Visitor => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var separator = key.IndexOf(':', StringComparison.Ordinal);
        _siteId = Shared(key[..separator]); // one instance per site: the page-view log compares them often
        _visitorId = key[(separator + 1)..];
        _log = new GrainVisitLog(log, _siteId!, _visitorId);
        await CatchUpWithLogAsync(cancellationToken);
    }

    public async Task Track(CollectBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _changed = true;
        Visitor.WorkspaceId ??= batch.WorkspaceId;
        foreach (var trackedEvent in InTimeOrder(batch.Events))
        {
            switch (trackedEvent)
            {
                case PageViewEvent pageView:
                    await OnPageViewAsync(pageView, batch.Context);
                    break;
                case HeartbeatEvent heartbeat:
                    Visitor.Extend(heartbeat.PageId, heartbeat.At, leaving: false, _log);
                    break;
                case LeaveEvent leave:
                    Visitor.Extend(leave.PageId, leave.At, leaving: true, _log);
                    break;
                case IdentifyEvent identify:
                    Visitor.LeadId = await leads.IdentifyAsync(batch.WorkspaceId, _siteId!, _visitorId!, identify, CancellationToken.None);
                    break;
                case CustomEvent custom when Visitor.Visit is { } visit:
                    log.Append(new CustomEventRecord(_siteId!, _visitorId!, visit.Number, custom.At, custom.Name, custom.Props));
                    break;
            }
        }
        if (Visitor.ExcludedBy is null && Summary() is { } summary)
        {
            foreach (var observer in _observers)
            {
                observer.OnVisitorChanged(summary);
            }
        }
    }

    public Task<VisitorSummary?> GetSummary() => Task.FromResult(Visitor.ExcludedBy is null ? Summary() : null);

    public Task<PageViewState?> GetCurrentPage() =>
        Task.FromResult(Visitor.ExcludedBy is null && Visitor.CurrentPage is { Excluded: false } page ? page.Copy() : null);

    public Task<string?> GetExclusion() => Task.FromResult(Visitor.ExcludedBy);

    public Task SetLead(string leadId)
    {
        _changed = true;
        Visitor.LeadId = leadId;
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The page still open keeps what was measured; the visit row gets its latest figures.
        if (Visitor.CurrentPage is { } page)
        {
            Visitor.LogPage(page, _log);
        }
        Visitor.LogVisit(_log);
        if (_changed)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    private async Task OnPageViewAsync(PageViewEvent pageView, CollectContext context)
    {
        var url = Shared(pageView.Url)!;
        var title = Shared(pageView.Title);
        var referrer = Shared(pageView.Referrer);
        if (Visitor.StartsVisit(pageView.At))
        {
            Visitor.EndVisit(_log);
            var external = VisitEnricher.ExternalReferrer(pageView.Referrer, pageView.Url);
            Visitor.StartVisit(pageView, external, enricher.DescribeVisit(pageView.Url, external, context));
        }
        else if (Visitor.Counted(pageView.PageId))
        {
            return; // sent twice (a retried beacon): already counted
        }
        else if (Visitor.ArrivedLate(pageView.At))
        {
            Visitor.AddLatePage(pageView, url, title, referrer, _log);
            return;
        }
        else
        {
            Visitor.FinishCurrentPage(pageView.At, _log);
        }

        var visit = Visitor.Visit!;
        var firstOfVisit = visit.PageViews == 0;
        var page = Visitor.OpenPage(pageView.PageId, url, title, referrer, pageView.At);
        if (Visitor.ExcludedBy is null
            && await exclusions.MatchAsync(Subject(pageView.Url, visit, context, pageView.Referrer), CancellationToken.None) is { } match)
        {
            Visitor.Exclude(match.Kind, match.ExclusionId);
        }
        Visitor.CountOpenedPage(page, pageView.At, firstOfVisit, _log);
    }

    /// <summary>
    /// A grain's state is written when it leaves memory; a host that died (kill -9, power) wrote nothing since. The
    /// page view log has every page view opened until about a second before, so when its latest visit is newer than
    /// what the stored state knows, the visit is taken from there: the next page view goes on counting in it.
    /// </summary>
    private async Task CatchUpWithLogAsync(CancellationToken cancellationToken)
    {
        var pages = await history.LatestVisitPageViewsAsync(_siteId!, _visitorId!, MaxCatchUpPages, cancellationToken);
        if (pages.Count == 0)
        {
            return;
        }
        var last = pages[^1];
        var lastSeen = DateTimeOffset.FromUnixTimeMilliseconds(last.EnteredAt + last.DwellMs);
        if (Visitor.LastSeenAt is { } seen && seen >= lastSeen)
        {
            return; // the stored state knows all the log does
        }
        var visit = Visitor.Visit;
        if (visit is null || visit.Number != last.VisitNumber)
        {
            if (visit is not null)
            {
                Visitor.TimeOnSiteMs += (long)(visit.LastActivityAt - visit.StartedAt).TotalMilliseconds;
            }
            var stored = (await history.VisitsAsync(_siteId!, _visitorId!, cancellationToken)).FirstOrDefault(v => v.Number == last.VisitNumber);
            visit = StoredVisit(last.VisitNumber, pages[0], stored);
            Visitor.Visit = visit;
            Visitor.VisitCount = Math.Max(Visitor.VisitCount, last.VisitNumber);
            Visitor.FirstSeenAt ??= visit.StartedAt;
        }
        Visitor.PageViewCount += Math.Max(0, pages.Count - visit.PageViews);
        visit.PageViews = Math.Max(visit.PageViews, pages.Count);
        visit.LastActivityAt = visit.LastActivityAt > lastSeen ? visit.LastActivityAt : lastSeen;
        visit.Left = false;
        Visitor.LastSeenAt = lastSeen;
        Visitor.RecentPageIds.Clear();
        foreach (var page in pages.TakeLast(VisitorState.RecentPageIdsCap))
        {
            Visitor.Remember(page.PageId);
        }
        var current = Visitor.CurrentPage ?? new PageViewState();
        current.Open(last.PageId, last.Url, last.Title, last.Referrer, DateTimeOffset.FromUnixTimeMilliseconds(last.EnteredAt));
        current.SeenUntil = lastSeen;
        Visitor.CurrentPage = current;
        _changed = true;
    }

    private static VisitState StoredVisit(int number, PageViewRow first, VisitRow? stored) => new()
    {
        Number = number,
        StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(stored?.StartedAt ?? first.EnteredAt),
        LastActivityAt = DateTimeOffset.FromUnixTimeMilliseconds(stored?.LastActivityAt ?? first.EnteredAt),
        EntryUrl = stored?.EntryUrl ?? first.Url,
        Referrer = stored?.Referrer,
        SearchEngine = stored?.SearchEngine,
        SearchKeywords = stored?.SearchKeywords,
        UtmSource = stored?.UtmSource,
        UtmMedium = stored?.UtmMedium,
        UtmCampaign = stored?.UtmCampaign,
        CountryCode = stored?.CountryCode,
        CountryName = stored?.CountryName,
        City = stored?.City,
        Organization = stored?.Organization,
        Device = stored?.Device,
        Browser = stored?.Browser,
        Os = stored?.Os,
    };

    private ExclusionSubject Subject(string url, VisitState visit, CollectContext context, string? referrer) =>
        new(Visitor.WorkspaceId!, _siteId!, url, IPAddress.TryParse(context.Ip, out var ip) ? ip : null,
            referrer ?? visit.Referrer, visit.SearchKeywords, visit.CountryCode, context.UserAgent);

    private VisitorSummary? Summary()
    {
        if (Visitor.Visit is not { } visit || Visitor.WorkspaceId is null)
        {
            return null;
        }
        var current = Visitor.CurrentPage is { Excluded: false } open ? open : null;
        return new VisitorSummary(
            Visitor.WorkspaceId, _siteId!, _visitorId!, current?.Url, current?.Title, current?.EnteredAt, current?.DwellMs ?? 0,
            visit.PageViews, visit.StartedAt, Visitor.LastSeenAt ?? visit.LastActivityAt,
            Visitor.TimeOnSiteMs + (long)(visit.LastActivityAt - visit.StartedAt).TotalMilliseconds,
            visit.Referrer, visit.SearchEngine, visit.SearchKeywords, Visitor.VisitCount > 1, Visitor.VisitCount,
            visit.CountryCode, visit.CountryName, visit.City, visit.Organization, visit.Device, visit.Browser, visit.Os,
            Visitor.LeadId, visit.Left);
    }

    private static string? Shared(string? text) =>
        text is null || text.Length > MaxSharedLength ? text : SharedTexts.GetOrAdd(text, static (key, _) => key, 0);

    /// <summary>The batch as it came when it is in time order already (nearly always), else sorted (stable).</summary>
    private static IEnumerable<TrackedEvent> InTimeOrder(IReadOnlyList<TrackedEvent> events)
    {
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].At < events[i - 1].At)
            {
                return events.OrderBy(e => e.At);
            }
        }
        return events;
    }

}

/// <summary>The page view log as a visitor's rules see it: rows keyed by the grain's site and visitor.</summary>
internal sealed class GrainVisitLog(TrackingLog log, string siteId, string visitorId) : IVisitLog
{
    public void PageView(PageViewState page, int visitNumber) =>
        log.Append(new PageViewRecord(siteId, visitorId, page.PageId, visitNumber, page.Url, page.Title, page.Referrer, page.EnteredAt, page.DwellMs));

    public void Visit(VisitState v, string workspaceId) =>
        log.Append(new VisitRecord(siteId, visitorId, v.Number, workspaceId, v.StartedAt, v.LastActivityAt,
            v.EntryUrl, v.Referrer, v.SearchEngine, v.SearchKeywords, v.UtmSource, v.UtmMedium, v.UtmCampaign, v.UtmTerm, v.UtmContent,
            v.Ip, v.CountryCode, v.CountryName, v.City, v.Organization, v.Device, v.Browser, v.Os, v.PageViews));
}
