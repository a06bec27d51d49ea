using Lookout.Visitors.Collect;

namespace Lookout.Visitors.Grains;

/// <summary>Where a visitor's rules put what the page view log must hold; the grain writes it with its keys.</summary>
public interface IVisitLog
{
    /// <summary>A page view as it opens, and again once it is finished with its dwell.</summary>
    void PageView(PageViewState page, int visitNumber);

    /// <summary>The visit's row, upserted with its latest figures.</summary>
    void Visit(VisitState visit, string workspaceId);
}

/// <summary>
/// The rules of a visit, as plain code over the state: when a visit starts and ends, how long a page was seen, which
/// page views count, what goes to the page view log. The grain coordinates (enrichment, exclusions, observers); these
/// decide, and need no grain to be tested.
/// </summary>
public sealed partial class VisitorState
{
    /// <summary>30 minutes without an event end a visit: the next page view starts another.</summary>
    public static readonly TimeSpan VisitTimeout = TimeSpan.FromMinutes(30);

    /// <summary>True when a page view at <paramref name="at"/> starts a new visit (the first, or after the timeout).</summary>
    public bool StartsVisit(DateTimeOffset at) => Visit is null || at - Visit.LastActivityAt > VisitTimeout;

    /// <summary>True when the page view was counted already (a retried beacon sends it twice).</summary>
    public bool Counted(string pageId) => RecentPageIds.Contains(Digest(pageId));

    /// <summary>True when a page view entered before the page open now (its beacon raced the next page's requests).</summary>
    public bool ArrivedLate(DateTimeOffset at) => CurrentPage is { } open && at < open.EnteredAt;

    /// <summary>Starts a visit with the first page view's facts (referrer from another site, search, campaign, place, device).</summary>
    public VisitState StartVisit(PageViewEvent first, string? externalReferrer, VisitFacts facts)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(facts);
        VisitCount++;
        FirstSeenAt ??= first.At;
        FirstReferrer ??= externalReferrer;
        Visit = new VisitState
        {
            Number = VisitCount,
            StartedAt = first.At,
            LastActivityAt = first.At,
            EntryUrl = first.Url,
            Referrer = externalReferrer,
            SearchEngine = facts.SearchEngine,
            SearchKeywords = facts.SearchKeywords,
            UtmSource = facts.UtmSource,
            UtmMedium = facts.UtmMedium,
            UtmCampaign = facts.UtmCampaign,
            UtmTerm = facts.UtmTerm,
            UtmContent = facts.UtmContent,
            Ip = facts.Ip,
            CountryCode = facts.CountryCode,
            CountryName = facts.CountryName,
            City = facts.City,
            Organization = facts.Organization,
            Device = facts.Device,
            Browser = facts.Browser,
            Os = facts.Os,
        };
        return Visit;
    }

    /// <summary>Ends the visit: its open page and its row are logged, its time joins the time on site.</summary>
    public void EndVisit(IVisitLog log)
    {
        if (Visit is null)
        {
            return;
        }
        if (CurrentPage is { } page)
        {
            LogPage(page, log);
        }
        LogVisit(log);
        TimeOnSiteMs += (long)(Visit.LastActivityAt - Visit.StartedAt).TotalMilliseconds;
        CurrentPage = null;
        RecentPageIds.Clear();
        Visit = null;
    }

    /// <summary>The page open now is finished by the next page view: dwell runs from entering it until then.</summary>
    public void FinishCurrentPage(DateTimeOffset nextAt, IVisitLog log)
    {
        if (CurrentPage is { } previous)
        {
            previous.SeenUntil = Max(previous.SeenUntil, nextAt);
            LogPage(previous, log);
        }
    }

    /// <summary>
    /// A page view that entered before the page open now: it ran until that page, and is logged finished at once.
    /// The shared texts are the grain's interned copies of the event's URL, title and referrer.
    /// </summary>
    public void AddLatePage(PageViewEvent pageView, string url, string? title, string? referrer, IVisitLog log)
    {
        ArgumentNullException.ThrowIfNull(pageView);
        if (Visit is not { } visit || CurrentPage is not { } next)
        {
            return;
        }
        var page = new PageViewState
        {
            PageId = pageView.PageId,
            Url = url,
            Title = title,
            Referrer = referrer,
            EnteredAt = pageView.At,
            SeenUntil = next.EnteredAt,
        };
        Remember(page.PageId);
        LogPage(page, log);
        visit.PageViews++;
        PageViewCount++;
    }

    /// <summary>Opens a page, reusing the state of the page finished before it, and makes it the current page.</summary>
    public PageViewState OpenPage(string pageId, string url, string? title, string? referrer, DateTimeOffset at)
    {
        var page = CurrentPage ?? new PageViewState();
        page.Open(pageId, url, title, referrer, at);
        CurrentPage = page;
        return page;
    }

    /// <summary>
    /// An exclusion matched the page just opened: a page exclusion keeps only that page out of views and counts; any
    /// other kind (address, country, referrer, user agent) keeps the visitor out of every view from now on.
    /// </summary>
    public void Exclude(string kind, string exclusionId)
    {
        if (kind == "Page")
        {
            CurrentPage?.Excluded = true;
        }
        else
        {
            ExcludedBy = exclusionId;
        }
    }

    /// <summary>
    /// Counts the page just opened (unless excluded) and logs it as it opens, with the visit's row when it is the
    /// visit's first: a host that dies loses at most the log's last second, not every page still open.
    /// </summary>
    public void CountOpenedPage(PageViewState page, DateTimeOffset at, bool firstOfVisit, IVisitLog log)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (Visit is not { } visit)
        {
            return;
        }
        Remember(page.PageId);
        visit.Left = false;
        Touch(visit, at);
        if (!page.Excluded)
        {
            visit.PageViews++;
            PageViewCount++;
        }
        if (firstOfVisit)
        {
            LogVisit(log);
        }
        if (!page.Excluded && ExcludedBy is null)
        {
            log.PageView(page, visit.Number);
        }
    }

    /// <summary>
    /// A heartbeat (or the leave) of the page open now: the page was seen until then. A leave finishes the page and
    /// marks the visit as left. Events of another page, of a finished page or past the visit's end change nothing.
    /// </summary>
    public void Extend(string pageId, DateTimeOffset at, bool leaving, IVisitLog log)
    {
        if (Visit is not { } visit || at - visit.LastActivityAt > VisitTimeout)
        {
            return;
        }
        if (CurrentPage is not { } page || !page.Is(pageId) || page.Logged)
        {
            return;
        }
        page.SeenUntil = Max(page.SeenUntil, at);
        Touch(visit, at);
        if (leaving)
        {
            visit.Left = true;
            LogPage(page, log);
        }
    }

    /// <summary>Moves the visit's and the visitor's last activity forward (never back: events arrive out of order).</summary>
    public void Touch(VisitState visit, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(visit);
        visit.LastActivityAt = Max(visit.LastActivityAt, at);
        LastSeenAt = Max(LastSeenAt ?? at, at);
    }

    /// <summary>Logs a finished page once, unless it or the visitor is excluded.</summary>
    public void LogPage(PageViewState page, IVisitLog log)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(log);
        if (page.Logged || page.Excluded || ExcludedBy is not null || Visit is not { } visit)
        {
            return;
        }
        page.Logged = true;
        log.PageView(page, visit.Number);
    }

    /// <summary>Logs the visit's row with its figures now, unless the visitor is excluded.</summary>
    public void LogVisit(IVisitLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (Visit is { } visit && ExcludedBy is null && WorkspaceId is not null)
        {
            log.Visit(visit, WorkspaceId);
        }
    }

    /// <summary>Remembers a page id's digest (the last <see cref="RecentPageIdsCap"/>), so that it is counted once.</summary>
    public void Remember(string pageId)
    {
        RecentPageIds.Add(Digest(pageId));
        if (RecentPageIds.Count > RecentPageIdsCap)
        {
            RecentPageIds.RemoveAt(0);
        }
    }

    // FNV-1a: stable across processes, since the digests are stored with the state.
    private static long Digest(string pageId)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in pageId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
