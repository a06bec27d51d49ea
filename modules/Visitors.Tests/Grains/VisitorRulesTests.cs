using Lookout.Visitors.Collect;
using Lookout.Visitors.Grains;

namespace Lookout.Visitors.Tests.Grains;

/// <summary>A visit's rules on the state alone, without a grain: visits, dwell, late and repeated page views, what is logged.</summary>
public sealed class VisitorRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly VisitFacts NoFacts = new(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    private readonly VisitorState _visitor = new() { WorkspaceId = "ws1" };
    private readonly RecordingLog _log = new();

    [Fact]
    public void The_first_page_view_starts_a_visit_and_logs_the_visit_and_the_page_as_it_opens()
    {
        View("p1", "https://shop.example/", T0);

        Assert.Equal(1, _visitor.VisitCount);
        Assert.Equal(1, _visitor.Visit!.PageViews);
        Assert.Equal(T0, _visitor.FirstSeenAt);
        Assert.Equal(["visit 1 (1 pages)", "page p1 of visit 1, 0 ms"], _log.Lines);
    }

    [Fact]
    public void Dwell_runs_from_entering_a_page_until_the_next_page()
    {
        View("p1", "https://shop.example/", T0);
        View("p2", "https://shop.example/pricing", T0.AddSeconds(42));

        Assert.Contains("page p1 of visit 1, 42000 ms", _log.Lines);
        Assert.Equal(2, _visitor.Visit!.PageViews);
    }

    [Fact]
    public void Heartbeats_extend_the_open_page_and_a_leave_finishes_it()
    {
        View("p1", "https://shop.example/", T0);
        _visitor.Extend("p1", T0.AddSeconds(15), leaving: false, _log);
        _visitor.Extend("p1", T0.AddSeconds(20), leaving: true, _log);

        Assert.Equal(20_000, _visitor.CurrentPage!.DwellMs);
        Assert.True(_visitor.Visit!.Left);
        Assert.Equal("page p1 of visit 1, 20000 ms", _log.Lines[^1]);
        // A heartbeat after the leave does not reopen what was logged finished.
        _visitor.Extend("p1", T0.AddSeconds(30), leaving: false, _log);
        Assert.Equal(20_000, _visitor.CurrentPage.DwellMs);
    }

    [Fact]
    public void A_heartbeat_of_another_page_changes_nothing()
    {
        View("p1", "https://shop.example/", T0);
        _visitor.Extend("other", T0.AddSeconds(15), leaving: false, _log);

        Assert.Equal(0, _visitor.CurrentPage!.DwellMs);
        Assert.Equal(T0, _visitor.LastSeenAt);
    }

    [Fact]
    public void Thirty_minutes_without_an_event_end_the_visit_and_the_next_page_view_starts_another()
    {
        View("p1", "https://shop.example/", T0);
        _visitor.Extend("p1", T0.AddMinutes(2), leaving: false, _log);

        Assert.False(_visitor.StartsVisit(T0.AddMinutes(32)));
        Assert.True(_visitor.StartsVisit(T0.AddMinutes(32).AddSeconds(1)));
        View("p2", "https://shop.example/", T0.AddMinutes(40));

        Assert.Equal(2, _visitor.VisitCount);
        Assert.Equal(2, _visitor.Visit!.Number);
        Assert.Equal(2 * 60_000, _visitor.TimeOnSiteMs); // the first visit's two minutes
        Assert.Contains("page p1 of visit 1, 120000 ms", _log.Lines);
        Assert.Equal(2, _visitor.PageViewCount);
    }

    [Fact]
    public void A_page_view_sent_twice_is_counted_once()
    {
        View("p1", "https://shop.example/", T0);

        Assert.True(_visitor.Counted("p1"));
        Assert.False(_visitor.Counted("p2"));
    }

    [Fact]
    public void Only_the_last_32_page_ids_are_remembered()
    {
        for (var i = 0; i < 40; i++)
        {
            _visitor.Remember($"p{i}");
        }

        Assert.Equal(VisitorState.RecentPageIdsCap, _visitor.RecentPageIds.Count);
        Assert.False(_visitor.Counted("p7"));
        Assert.True(_visitor.Counted("p8"));
    }

    [Fact]
    public void A_page_view_that_arrives_after_a_later_page_ran_until_that_page()
    {
        View("p1", "https://shop.example/", T0);
        View("p3", "https://shop.example/c", T0.AddSeconds(30));
        var late = Event("p2", "https://shop.example/b", T0.AddSeconds(10));

        Assert.True(_visitor.ArrivedLate(late.At));
        _visitor.AddLatePage(late, late.Url, null, null, _log);

        Assert.Equal("page p2 of visit 1, 20000 ms", _log.Lines[^1]);
        Assert.Equal(3, _visitor.Visit!.PageViews);
        Assert.True(_visitor.Counted("p2"));
        Assert.Equal("p3", _visitor.CurrentPage!.PageId); // the open page stays open
    }

    [Fact]
    public void An_excluded_page_is_neither_counted_nor_logged_but_the_visit_goes_on()
    {
        View("p1", "https://shop.example/", T0);
        View("p2", "https://shop.example/admin", T0.AddSeconds(5), exclusion: ("Page", "ex1"));
        View("p3", "https://shop.example/", T0.AddSeconds(9));

        Assert.Equal(2, _visitor.Visit!.PageViews);
        Assert.Null(_visitor.ExcludedBy);
        Assert.DoesNotContain(_log.Lines, line => line.StartsWith("page p2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_visitor_excluded_by_another_rule_logs_nothing_more()
    {
        View("p1", "https://shop.example/", T0);
        var before = _log.Lines.Count;
        View("p2", "https://shop.example/b", T0.AddSeconds(5), exclusion: ("Ip", "ex2"));
        View("p3", "https://shop.example/c", T0.AddSeconds(9));
        _visitor.EndVisit(_log);

        Assert.Equal("ex2", _visitor.ExcludedBy);
        Assert.Equal(before + 1, _log.Lines.Count); // only p1 finished, logged as p2 opened
        Assert.Equal("page p1 of visit 1, 5000 ms", _log.Lines[^1]);
    }

    [Fact]
    public void Activity_never_moves_back_when_events_arrive_out_of_order()
    {
        View("p1", "https://shop.example/", T0);
        _visitor.Extend("p1", T0.AddSeconds(20), leaving: false, _log);
        _visitor.Extend("p1", T0.AddSeconds(5), leaving: false, _log);

        Assert.Equal(T0.AddSeconds(20), _visitor.LastSeenAt);
        Assert.Equal(T0.AddSeconds(20), _visitor.Visit!.LastActivityAt);
        Assert.Equal(20_000, _visitor.CurrentPage!.DwellMs);
    }

    [Fact]
    public void The_next_page_reuses_the_open_page_state()
    {
        View("p1", "https://shop.example/", T0);
        var first = _visitor.CurrentPage;
        View("p2", "https://shop.example/b", T0.AddSeconds(3));

        Assert.Same(first, _visitor.CurrentPage);
        Assert.Equal("p2", _visitor.CurrentPage!.PageId);
        Assert.False(_visitor.CurrentPage.Logged);
    }

    /// <summary>The steps the grain takes for a page view, minus enrichment and the exclusion lookup.</summary>
    private void View(string pageId, string url, DateTimeOffset at, (string Kind, string Id)? exclusion = null)
    {
        var pageView = Event(pageId, url, at);
        if (_visitor.StartsVisit(at))
        {
            _visitor.EndVisit(_log);
            _visitor.StartVisit(pageView, null, NoFacts);
        }
        else if (_visitor.Counted(pageId) || _visitor.ArrivedLate(at))
        {
            return;
        }
        else
        {
            _visitor.FinishCurrentPage(at, _log);
        }
        var firstOfVisit = _visitor.Visit!.PageViews == 0;
        var page = _visitor.OpenPage(pageId, url, null, null, at);
        if (exclusion is { } match && _visitor.ExcludedBy is null)
        {
            _visitor.Exclude(match.Kind, match.Id);
        }
        _visitor.CountOpenedPage(page, at, firstOfVisit, _log);
    }

    private static PageViewEvent Event(string pageId, string url, DateTimeOffset at) => new(at, pageId, url, null, null);

    private sealed class RecordingLog : IVisitLog
    {
        public List<string> Lines { get; } = [];

        public void PageView(PageViewState page, int visitNumber) => Lines.Add($"page {page.PageId} of visit {visitNumber}, {page.DwellMs} ms");

        public void Visit(VisitState visit, string workspaceId) => Lines.Add($"visit {visit.Number} ({visit.PageViews} pages)");
    }
}
