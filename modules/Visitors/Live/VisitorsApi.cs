using Lookout.Kernel.Tenancy;
using Lookout.Visitors.Grains;
using Lookout.Visitors.Tracking;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Orleans;

namespace Lookout.Visitors.Live;

internal static class VisitorsApi
{
    /// <summary>A visitor's page: now (when live), the page open now, and the stored history of finished page views.</summary>
    public sealed record VisitorDetail(LiveVisitor? Now, IReadOnlyList<PageViewState> CurrentVisitPages, IReadOnlyList<VisitRow> Visits, IReadOnlyList<PageViewRow> PageViews);

    public static void MapVisitorsApi(this RouteGroupBuilder group)
    {
        var visitors = group.MapGroup("").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        visitors.MapGet("/live", Live).WithName("ListLiveVisitors").WithSummary("List the visitors on the sites now");
        visitors.MapGet("/{siteId}/{visitorId}", Detail).WithName("GetVisitor").WithSummary("Get a visitor with its visits and page views");
    }

    private static async Task<Ok<IReadOnlyList<LiveVisitor>>> Live(WorkspaceScope scope, LiveVisitors live, CancellationToken cancellationToken) =>
        TypedResults.Ok(await live.InWorkspaceAsync(scope.WorkspaceId, cancellationToken));

    private static async Task<Results<Ok<VisitorDetail>, NotFound>> Detail(
        string siteId, string visitorId, WorkspaceScope scope, ISiteDirectory sites, IGrainFactory grains, VisitorHistory history, LiveVisitors live, CancellationToken cancellationToken)
    {
        if (await sites.FindByIdAsync(siteId, cancellationToken) is not { } site || site.WorkspaceId != scope.WorkspaceId || visitorId.Length > 64)
        {
            return TypedResults.NotFound();
        }
        var grain = grains.GetGrain<IVisitorGrain>($"{siteId}:{visitorId}");
        if (await grain.GetExclusion() is not null)
        {
            return TypedResults.NotFound();
        }
        var visits = await history.VisitsAsync(siteId, visitorId, cancellationToken);
        var open = await grain.GetCurrentPage();
        IReadOnlyList<PageViewState> pages = open is null ? [] : [open];
        if (visits.Count == 0 && pages.Count == 0)
        {
            return TypedResults.NotFound();
        }
        var now = await live.FindAsync(scope.WorkspaceId, siteId, visitorId, cancellationToken);
        // The log has the page still open too (with its dwell so far): it is shown once, as the page open now.
        var finished = (await history.PageViewsAsync(siteId, visitorId, 500, cancellationToken)).Where(p => open is null || open.Logged || !open.Is(p.PageId)).ToList();
        return TypedResults.Ok(new VisitorDetail(now, pages, visits, finished));
    }
}
