using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Workspaces.Operators;

internal static class OperatorsApi
{
    public static void MapOperatorsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/operators/online", Online).WithName("ListOnlineOperators").RequireWorkspaceRole(WorkspaceRole.SalesRep);
    }

    private static async Task<Ok<IReadOnlyList<OnlineOperator>>> Online(WorkspaceScope scope, IOperatorPresence presence, HttpContext http) =>
        TypedResults.Ok(await presence.OnlineAsync(scope.WorkspaceId, http.RequestAborted));
}
