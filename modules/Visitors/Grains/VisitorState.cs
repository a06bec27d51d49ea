using Orleans;

namespace Lookout.Visitors.Grains;

/// <summary>
/// What a visitor grain keeps between calls: small on purpose. The current visit and the page open now live here;
/// every finished page view goes to the page view log, which holds the full history.
/// </summary>
[GenerateSerializer]
public sealed partial class VisitorState
{
    public const int RecentPageIdsCap = 32;

    [Id(0)]
    public string? WorkspaceId { get; set; }

    [Id(1)]
    public DateTimeOffset? FirstSeenAt { get; set; }

    [Id(2)]
    public DateTimeOffset? LastSeenAt { get; set; }

    [Id(3)]
    public string? FirstReferrer { get; set; }

    [Id(4)]
    public int VisitCount { get; set; }

    [Id(5)]
    public int PageViewCount { get; set; }

    /// <summary>Time on site over all visits, in milliseconds, up to the last event.</summary>
    [Id(6)]
    public long TimeOnSiteMs { get; set; }

    [Id(7)]
    public VisitState? Visit { get; set; }

    /// <summary>The page open now (or closed last, until the next one).</summary>
    [Id(8)]
    public PageViewState? CurrentPage { get; set; }

    /// <summary>Digests of the visit's last page ids: a page view sent twice (a retried beacon) is counted once.</summary>
    [Id(9)]
    public List<long> RecentPageIds { get; set; } = [];

    [Id(10)]
    public string? LeadId { get; set; }

    /// <summary>The exclusion that keeps this visitor out of every view (and out of chat).</summary>
    [Id(11)]
    public string? ExcludedBy { get; set; }
}

[GenerateSerializer]
public sealed class VisitState
{
    [Id(0)]
    public int Number { get; set; }

    [Id(1)]
    public DateTimeOffset StartedAt { get; set; }

    [Id(2)]
    public DateTimeOffset LastActivityAt { get; set; }

    [Id(3)]
    public string? EntryUrl { get; set; }

    [Id(4)]
    public string? Referrer { get; set; }

    [Id(5)]
    public string? SearchEngine { get; set; }

    [Id(6)]
    public string? SearchKeywords { get; set; }

    [Id(7)]
    public string? UtmSource { get; set; }

    [Id(8)]
    public string? UtmMedium { get; set; }

    [Id(9)]
    public string? UtmCampaign { get; set; }

    [Id(10)]
    public string? UtmTerm { get; set; }

    [Id(11)]
    public string? UtmContent { get; set; }

    [Id(12)]
    public string? Ip { get; set; }

    [Id(13)]
    public string? CountryCode { get; set; }

    [Id(14)]
    public string? CountryName { get; set; }

    [Id(15)]
    public string? City { get; set; }

    [Id(16)]
    public string? Organization { get; set; }

    [Id(17)]
    public string? Device { get; set; }

    [Id(18)]
    public string? Browser { get; set; }

    [Id(19)]
    public string? Os { get; set; }

    [Id(20)]
    public int PageViews { get; set; }

    /// <summary>Set when the visitor closed the last page (leave) and nothing followed.</summary>
    [Id(21)]
    public bool Left { get; set; }
}

/// <summary>
/// The page a visitor has open. The grain reuses it for the visitor's next page and holds a short page id as numbers
/// (<see cref="PackedPageId"/>), so a visitor moving on to another page does not leave its long-lived state pointing
/// to new objects.
/// </summary>
[GenerateSerializer]
public sealed class PageViewState
{
    // Serialized through PageId.
    [NonSerialized]
    private PackedPageId _packedId;
    [NonSerialized]
    private string? _longId; // an id that does not fit in two numbers

    [Id(0)]
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

    [Id(1)]
    public string Url { get; set; } = "";

    [Id(2)]
    public string? Title { get; set; }

    [Id(3)]
    public string? Referrer { get; set; }

    [Id(4)]
    public DateTimeOffset EnteredAt { get; set; }

    /// <summary>The last moment the page was seen open: a heartbeat, the leave, or the next page.</summary>
    [Id(5)]
    public DateTimeOffset SeenUntil { get; set; }

    /// <summary>True once the page view is in the page view log with its final dwell.</summary>
    [Id(6)]
    public bool Logged { get; set; }

    /// <summary>Page excluded (e.g. by a page exclusion): kept out of views and counts.</summary>
    [Id(7)]
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
