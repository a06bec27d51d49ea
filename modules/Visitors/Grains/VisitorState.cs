namespace Lookout.Visitors.Grains;

/// <summary>
/// What a visitor grain keeps between calls: small on purpose. The current visit and the page open now live here;
/// every finished page view goes to the page view log, which holds the full history.
/// </summary>
public sealed class VisitorState
{
    public const int RecentPageIdsCap = 32;

    public string? WorkspaceId { get; set; }

    public DateTimeOffset? FirstSeenAt { get; set; }

    public DateTimeOffset? LastSeenAt { get; set; }

    public string? FirstReferrer { get; set; }

    public int VisitCount { get; set; }

    public int PageViewCount { get; set; }

    /// <summary>Time on site over all visits, in milliseconds, up to the last event.</summary>
    public long TimeOnSiteMs { get; set; }

    public VisitState? Visit { get; set; }

    /// <summary>The page open now (or closed last, until the next one).</summary>
    public PageViewState? CurrentPage { get; set; }

    /// <summary>Digests of the visit's last page ids: a page view sent twice (a retried beacon) is counted once.</summary>
    public List<long> RecentPageIds { get; set; } = [];

    public string? LeadId { get; set; }

    /// <summary>The exclusion that keeps this visitor out of every view (and out of chat).</summary>
    public string? ExcludedBy { get; set; }
}

public sealed class VisitState
{
    public int Number { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset LastActivityAt { get; set; }

    public string? EntryUrl { get; set; }

    public string? Referrer { get; set; }

    public string? SearchEngine { get; set; }

    public string? SearchKeywords { get; set; }

    public string? UtmSource { get; set; }

    public string? UtmMedium { get; set; }

    public string? UtmCampaign { get; set; }

    public string? UtmTerm { get; set; }

    public string? UtmContent { get; set; }

    public string? Ip { get; set; }

    public string? CountryCode { get; set; }

    public string? CountryName { get; set; }

    public string? City { get; set; }

    public string? Organization { get; set; }

    public string? Device { get; set; }

    public string? Browser { get; set; }

    public string? Os { get; set; }

    public int PageViews { get; set; }

    /// <summary>Set when the visitor closed the last page (leave) and nothing followed.</summary>
    public bool Left { get; set; }
}

/// <summary>
/// The page a visitor has open. The grain reuses it for the visitor's next page and holds a short page id as numbers
/// (<see cref="PackedPageId"/>), so a visitor moving on to another page does not leave its long-lived state pointing
/// to new objects.
/// </summary>
public sealed class PageViewState
{
    private PackedPageId _packedId;
    private string? _longId; // an id that does not fit in two numbers

    public string PageId
    {
        get => _longId ?? _packedId.Unpack();
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (PackedPageId.TryPack(value, out var packed))
            {
                _packedId = packed;
                _longId = null;
            }
            else
            {
                _packedId = default;
                _longId = value;
            }
        }
    }

    public string Url { get; set; } = "";

    public string? Title { get; set; }

    public string? Referrer { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    /// <summary>The last moment the page was seen open: a heartbeat, the leave, or the next page.</summary>
    public DateTimeOffset SeenUntil { get; set; }

    /// <summary>True once the page view is in the page view log with its final dwell.</summary>
    public bool Logged { get; set; }

    /// <summary>Page excluded (e.g. by a page exclusion): kept out of views and counts.</summary>
    public bool Excluded { get; set; }

    public long DwellMs => (long)(SeenUntil - EnteredAt).TotalMilliseconds;

    /// <summary>True when this is the page with the id <paramref name="pageId"/>, without making a string of its own id.</summary>
    public bool Is(string pageId) =>
        _longId is { } id ? id == pageId : PackedPageId.TryPack(pageId, out var packed) && packed == _packedId;

    /// <summary>Makes this the state of a page just opened.</summary>
    public void Open(string pageId, string url, string? title, string? referrer, DateTimeOffset at)
    {
        PageId = pageId;
        Url = url;
        Title = title;
        Referrer = referrer;
        EnteredAt = at;
        SeenUntil = at;
        Logged = false;
        Excluded = false;
    }

    /// <summary>A copy for callers outside the grain: the grain goes on changing its own.</summary>
    public PageViewState Copy() => (PageViewState)MemberwiseClone();
}
