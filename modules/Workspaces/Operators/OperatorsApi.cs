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
        group.MapGet("/operators/online", Online).WithName("ListOnlineOperators").WithSummary("List the operators online now").RequireWorkspaceRole(WorkspaceRole.SalesRep);
    }

    private static async Task<Ok<IReadOnlyList<OnlineOperator>>> Online(WorkspaceScope scope, IOperatorPresence presence, CancellationToken cancellationToken) =>
        TypedResults.Ok(await presence.OnlineAsync(scope.WorkspaceId, cancellationToken));
}
