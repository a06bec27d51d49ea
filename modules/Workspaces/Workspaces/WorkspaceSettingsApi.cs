using Lookout.Kernel.Http;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Workspaces.Workspaces;

/// <summary>The settings of the caller's workspace (<c>X-Workspace-Id</c>): every member reads them, admins change them.</summary>
internal static class WorkspaceSettingsApi
{
    /// <summary>An empty <see cref="DefaultPhoneRegion"/> clears it (numbers must then carry their country code); it is required, so that a body that forgot it clears nothing.</summary>
    public sealed record WorkspaceSettingsRequest(string? DefaultPhoneRegion);

    public sealed record WorkspaceSettingsView(string Id, string Name, string? DefaultPhoneRegion);

    public static void MapWorkspaceSettingsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/settings", Get).WithName("GetWorkspaceSettings").WithSummary("Get the workspace's settings").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        group.MapPut("/settings", Put).WithName("UpdateWorkspaceSettings").WithSummary("Change the workspace's settings").RequireWorkspaceRole(WorkspaceRole.Admin);
    }

    private static async Task<Results<Ok<WorkspaceSettingsView>, NotFound>> Get(WorkspaceScope scope, WorkspaceStore store, CancellationToken cancellationToken) =>
        await ViewAsync(scope.WorkspaceId, store, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<WorkspaceSettingsView>, NotFound, ValidationProblem>> Put(
        WorkspaceSettingsRequest request, WorkspaceScope scope, WorkspaceStore store, CancellationToken cancellationToken)
    {
        if (request.DefaultPhoneRegion is null)
        {
            return FieldErrors.For("defaultPhoneRegion", "Required: a region such as GB, or \"\" for none (numbers must then carry their country code).");
        }
        var region = string.IsNullOrWhiteSpace(request.DefaultPhoneRegion) ? null : request.DefaultPhoneRegion.Trim().ToUpperInvariant();
        if (region is not null && !PreferenceRules.IsPhoneRegion(region))
        {
            return FieldErrors.For("defaultPhoneRegion", "Not a region with a telephone numbering plan: an ISO 3166 two-letter code such as GB, FR or US.");
        }
        if (!await store.SaveSettingsAsync(scope.WorkspaceId, new WorkspaceSettings(region), cancellationToken))
        {
            return TypedResults.NotFound();
        }
        return await ViewAsync(scope.WorkspaceId, store, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
    }

    private static async Task<WorkspaceSettingsView?> ViewAsync(string workspaceId, WorkspaceStore store, CancellationToken cancellationToken) =>
        await store.NameAsync(workspaceId, cancellationToken) is { } name
            ? new WorkspaceSettingsView(workspaceId, name, (await store.GetAsync(workspaceId, cancellationToken)).DefaultPhoneRegion)
            : null;
}
