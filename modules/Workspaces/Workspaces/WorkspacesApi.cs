using Lookout.Workspaces.Account;
using Lookout.Kernel.Http;
using Lookout.Kernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Lookout.Workspaces.Workspaces;

internal static class WorkspacesApi
{
    public sealed record CreateWorkspaceRequest(string? Name);

    public static void MapWorkspacesApi(this RouteGroupBuilder group)
    {
        var workspaces = group.MapGroup("").RequireAuthorization();
        workspaces.MapGet("/", ListMine).WithName("ListWorkspaces").WithSummary("List the signed-in user's workspaces");
        workspaces.MapPost("/", Create).WithName("CreateWorkspace").WithSummary("Create a workspace");
    }

    private static async Task<Ok<IReadOnlyList<WorkspaceView>>> ListMine(HttpContext http, WorkspaceStore workspaces, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workspaces.ListForUserAsync(WorkspaceScope.UserIdOf(http.User)!, cancellationToken));

    private static async Task<Results<Created<WorkspaceView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateWorkspaceRequest request, HttpContext http, WorkspaceStore workspaces, IOptions<AccountOptions> options, CancellationToken cancellationToken)
    {
        if (!await workspaces.MayCreateAsync(WorkspaceScope.UserIdOf(http.User)!, options.Value.WhoMayCreateWorkspaces, cancellationToken))
        {
            return TypedResults.Problem(
                title: "Only installation owners create workspaces.",
                detail: "Ask an installation owner to create one, or to set Account:WhoMayCreateWorkspaces to AnyUser.",
                statusCode: StatusCodes.Status403Forbidden);
        }
        var errors = new FieldErrors().DisplayText("name", request.Name, 200);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var workspace = await workspaces.CreateAsync(request.Name!.Trim(), WorkspaceScope.UserIdOf(http.User)!, cancellationToken);
        return TypedResults.Created($"/api/workspaces/{workspace.Id}", workspace);
    }
}
