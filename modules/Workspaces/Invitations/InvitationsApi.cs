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
        group.MapGet("/invitations", List).WithName("ListInvitations").RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapDelete("/invitations/{id}", Withdraw).WithName("WithdrawInvitation").RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapGet("/me/invitations", ListMine).WithName("ListMyInvitations").RequireAuthorization();
        group.MapPost("/me/invitations/{id}/accept", Accept).WithName("AcceptInvitation").RequireAuthorization();
        group.MapPost("/me/invitations/{id}/decline", Decline).WithName("DeclineInvitation").RequireAuthorization();
    }

    private static async Task<Ok<IReadOnlyList<InvitationView>>> List(WorkspaceScope scope, InvitationStore invitations, HttpContext http) =>
        TypedResults.Ok(await invitations.ListForWorkspaceAsync(scope.WorkspaceId, http.RequestAborted));

    private static async Task<Results<NoContent, NotFound>> Withdraw(string id, WorkspaceScope scope, InvitationStore invitations, HttpContext http) =>
        await invitations.WithdrawAsync(scope.WorkspaceId, id, http.RequestAborted) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<ReceivedInvitation>>, UnauthorizedHttpResult>> ListMine(UserStore users, InvitationStore invitations, HttpContext http) =>
        await users.FindAsync(WorkspaceScope.UserIdOf(http.User)!, http.RequestAborted) is { } user
            ? TypedResults.Ok(await invitations.ListForEmailAsync(user.Email, http.RequestAborted))
            : TypedResults.Unauthorized();

    private static async Task<Results<Ok<WorkspaceView>, NotFound, UnauthorizedHttpResult>> Accept(string id, UserStore users, InvitationStore invitations, HttpContext http)
    {
        if (await users.FindAsync(WorkspaceScope.UserIdOf(http.User)!, http.RequestAborted) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        return await invitations.AcceptAsync(id, user.Id, user.Email, http.RequestAborted) is { } workspace ? TypedResults.Ok(workspace) : TypedResults.NotFound();
    }

    private static async Task<Results<NoContent, NotFound, UnauthorizedHttpResult>> Decline(string id, UserStore users, InvitationStore invitations, HttpContext http)
    {
        if (await users.FindAsync(WorkspaceScope.UserIdOf(http.User)!, http.RequestAborted) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        return await invitations.DeclineAsync(id, user.Email, http.RequestAborted) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
