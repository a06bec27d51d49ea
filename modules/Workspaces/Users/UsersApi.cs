using System.Security.Cryptography;
using Lookout.Kernel.Http;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Invitations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Workspaces.Users;

internal static class UsersApi
{
    public sealed record AddUserRequest(string? Email, string? DisplayName, string? Role, string? Password);

    public sealed record UpdateUserRequest(string? DisplayName, string? Role);

    /// <summary>The added member; <see cref="TemporaryPassword"/> is set once, when the server generated the password.</summary>
    public sealed record AddedUser(MemberView User, string? TemporaryPassword);

    public static void MapUsersApi(this RouteGroupBuilder group)
    {
        var users = group.MapGroup("/users");
        users.MapGet("/", List).WithName("ListUsers").WithSummary("List the workspace's users").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        users.MapGet("/{id}", Get).WithName("GetUser").WithSummary("Get a user of the workspace").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        users.MapPost("/", Add).WithName("AddUser").WithSummary("Add a user to the workspace, or invite an existing account").RequireWorkspaceRole(WorkspaceRole.Admin);
        users.MapPut("/{id}", Update).WithName("UpdateUser").WithSummary("Change a user's role or name").RequireWorkspaceRole(WorkspaceRole.Admin);
        users.MapDelete("/{id}", Remove).WithName("RemoveUser").WithSummary("Remove a user from the workspace").RequireWorkspaceRole(WorkspaceRole.Admin);
    }

    private static async Task<Ok<IReadOnlyList<MemberView>>> List(WorkspaceScope scope, UserStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListMembersAsync(scope.WorkspaceId, cancellationToken));

    private static async Task<Results<Ok<MemberView>, NotFound>> Get(string id, WorkspaceScope scope, UserStore store, CancellationToken cancellationToken) =>
        await store.FindMemberAsync(scope.WorkspaceId, id, cancellationToken) is { } member ? TypedResults.Ok(member) : TypedResults.NotFound();

    /// <summary>
    /// Adds a member. An email without an account gets one (with the password given, or a generated one shown once).
    /// An email that has an account is invited instead (202): nothing of theirs is shown or changed, and they join
    /// when they accept, signed in as themselves.
    /// </summary>
    private static async Task<Results<Created<AddedUser>, Accepted<InvitationView>, ValidationProblem>> Add(
        AddUserRequest request, WorkspaceScope scope, UserStore store, InvitationStore invitations, IPasswordHasher<UserAccount> hasher, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        ValidateEmail(errors, request.Email);
        errors.DisplayText("displayName", request.DisplayName, 100);
        var role = ParseRole(errors, request.Role);
        if (request.Password is { Length: > 0 } && (request.Password.Length < 8 || request.Password.Length > 128))
        {
            errors.Add("password", "Between 8 and 128 characters, or empty to generate one.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var user = await store.FindByEmailAsync(request.Email!, cancellationToken);
        string? temporaryPassword = null;
        if (user is null)
        {
            var password = request.Password is { Length: > 0 } given ? given : (temporaryPassword = GeneratePassword());
            user = await store.CreateAsync(request.Email!, request.DisplayName!.Trim(), u => hasher.HashPassword(u, password), cancellationToken);
        }
        else if (await store.FindMemberAsync(scope.WorkspaceId, user.Id, cancellationToken) is not null)
        {
            return FieldErrors.For("email", "Already a member of this workspace.");
        }
        else
        {
            var invitation = await invitations.CreateAsync(scope.WorkspaceId, user.Email, role!.Value, scope.UserId, cancellationToken);
            return invitation is null
                ? FieldErrors.For("email", "Already invited to this workspace.")
                : TypedResults.Accepted($"/api/workspaces/invitations/{invitation.Id}", invitation);
        }
        await store.AddMemberAsync(scope.WorkspaceId, user.Id, role!.Value, cancellationToken);
        var member = (await store.FindMemberAsync(scope.WorkspaceId, user.Id, cancellationToken))!;
        return TypedResults.Created($"/api/workspaces/users/{user.Id}", new AddedUser(member, temporaryPassword));
    }

    /// <summary>
    /// Changes a member's role. Their display name is theirs (their profile) or an installation owner's to change: a
    /// workspace Admin sending a different one is refused, since the name shows in every workspace they belong to.
    /// </summary>
    private static async Task<Results<Ok<MemberView>, NotFound, ValidationProblem>> Update(
        string id, UpdateUserRequest request, WorkspaceScope scope, UserStore store, IWorkspaceMembership membership, CancellationToken cancellationToken)
    {
        if (await store.FindMemberAsync(scope.WorkspaceId, id, cancellationToken) is not { } member)
        {
            return TypedResults.NotFound();
        }
        var errors = new FieldErrors().DisplayText("displayName", request.DisplayName, 100, required: false);
        var role = ParseRole(errors, request.Role);
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim();
        if (displayName == member.DisplayName)
        {
            displayName = null;
        }
        if (displayName is not null && id != scope.UserId && !await membership.IsInstallationOwnerAsync(scope.UserId, cancellationToken))
        {
            errors.Add("displayName", "Only the user (in their profile) or an installation owner can change their name.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (!await store.UpdateMemberAsync(scope.WorkspaceId, id, displayName, role!.Value, cancellationToken))
        {
            return FieldErrors.For("role", "The workspace needs at least one Admin.");
        }
        return TypedResults.Ok((await store.FindMemberAsync(scope.WorkspaceId, id, cancellationToken))!);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Remove(string id, WorkspaceScope scope, UserStore store, CancellationToken cancellationToken)
    {
        if (await store.FindMemberAsync(scope.WorkspaceId, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        return await store.RemoveMemberAsync(scope.WorkspaceId, id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(title: "The workspace needs at least one Admin.", statusCode: StatusCodes.Status409Conflict);
    }

    internal static void ValidateEmail(FieldErrors errors, string? email) => errors.Email("email", email);

    private static WorkspaceRole? ParseRole(FieldErrors errors, string? role)
    {
        if (Enum.TryParse<WorkspaceRole>(role, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(role, out _))
        {
            return parsed;
        }
        errors.Add("role", "One of Admin, Operator, SalesRep.");
        return null;
    }

    internal static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
}
