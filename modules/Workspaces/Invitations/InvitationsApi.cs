using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Users;
using Lookout.Workspaces.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Workspaces.Invitations;

/// <summary>
/// A workspace's pending invitations (its Admins see the emails they typed and may withdraw them) and the signed-in
/// user's own (accepted or declined by them alone, matched by the email of their account).
/// </summary>
internal static class InvitationsApi
{
    public static void MapInvitationsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/invitations", List).WithName("ListInvitations").WithSummary("List the workspace's pending invitations").RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapDelete("/invitations/{id}", Withdraw).WithName("WithdrawInvitation").WithSummary("Withdraw a pending invitation").RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapGet("/me/invitations", ListMine).WithName("ListMyInvitations").WithSummary("List the signed-in user's pending invitations").RequireAuthorization();
        group.MapPost("/me/invitations/{id}/accept", Accept).WithName("AcceptInvitation").WithSummary("Accept an invitation to a workspace").RequireAuthorization();
        group.MapPost("/me/invitations/{id}/decline", Decline).WithName("DeclineInvitation").WithSummary("Decline an invitation to a workspace").RequireAuthorization();
    }

    private static async Task<Ok<IReadOnlyList<InvitationView>>> List(WorkspaceScope scope, InvitationStore invitations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await invitations.ListForWorkspaceAsync(scope.WorkspaceId, cancellationToken));

    private static async Task<Results<NoContent, NotFound>> Withdraw(string id, WorkspaceScope scope, InvitationStore invitations, CancellationToken cancellationToken) =>
        await invitations.WithdrawAsync(scope.WorkspaceId, id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<ReceivedInvitation>>, UnauthorizedHttpResult>> ListMine(UserStore users, InvitationStore invitations, HttpContext http, CancellationToken cancellationToken) =>
        await users.FindAsync(WorkspaceScope.UserIdOf(http.User)!, cancellationToken) is { } user
            ? TypedResults.Ok(await invitations.ListForEmailAsync(user.Email, cancellationToken))
            : TypedResults.Unauthorized();

    private static async Task<Results<Ok<WorkspaceView>, NotFound, UnauthorizedHttpResult>> Accept(string id, UserStore users, InvitationStore invitations, HttpContext http, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(WorkspaceScope.UserIdOf(http.User)!, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        return await invitations.AcceptAsync(id, user.Id, user.Email, cancellationToken) is { } workspace ? TypedResults.Ok(workspace) : TypedResults.NotFound();
    }

    private static async Task<Results<NoContent, NotFound, UnauthorizedHttpResult>> Decline(string id, UserStore users, InvitationStore invitations, HttpContext http, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(WorkspaceScope.UserIdOf(http.User)!, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        return await invitations.DeclineAsync(id, user.Email, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
