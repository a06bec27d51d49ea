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
        group.MapGet("/live", Live).WithName("ListLiveVisitors").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        group.MapGet("/{siteId}/{visitorId}", Detail).WithName("GetVisitor").RequireWorkspaceRole(WorkspaceRole.SalesRep);
    }

    private static async Task<Ok<IReadOnlyList<LiveVisitor>>> Live(WorkspaceScope scope, LiveVisitors live, HttpContext http) =>
        TypedResults.Ok(await live.InWorkspaceAsync(scope.WorkspaceId, http.RequestAborted));

    private static async Task<Results<Ok<VisitorDetail>, NotFound>> Detail(
        string siteId, string visitorId, WorkspaceScope scope, ISiteDirectory sites, IGrainFactory grains, VisitorHistory history, LiveVisitors live, HttpContext http)
    {
        if (await sites.FindByIdAsync(siteId, http.RequestAborted) is not { } site || site.WorkspaceId != scope.WorkspaceId || visitorId.Length > 64)
        {
            return TypedResults.NotFound();
        }
        var grain = grains.GetGrain<IVisitorGrain>($"{siteId}:{visitorId}");
        if (await grain.GetExclusion() is not null)
        {
            return TypedResults.NotFound();
        }
        var visits = await history.VisitsAsync(siteId, visitorId, http.RequestAborted);
        var open = await grain.GetCurrentPage();
        IReadOnlyList<PageViewState> pages = open is null ? [] : [open];
        if (visits.Count == 0 && pages.Count == 0)
        {
            return TypedResults.NotFound();
        }
        var now = await live.FindAsync(scope.WorkspaceId, siteId, visitorId, http.RequestAborted);
        // The log has the page still open too (with its dwell so far): it is shown once, as the page open now.
        var finished = (await history.PageViewsAsync(siteId, visitorId, 500, http.RequestAborted)).Where(p => open is null || open.Logged || !open.Is(p.PageId)).ToList();
        return TypedResults.Ok(new VisitorDetail(now, pages, visits, finished));
    }
}
