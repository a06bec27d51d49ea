using Lookout.Kernel.Http;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Workspaces.Account;

/// <summary>
/// What is the user's own, whatever their workspaces: their display name and their password. No workspace Admin can
/// change either (an installation owner may rename someone, through the members page).
/// </summary>
internal static class ProfileApi
{
    public sealed record ProfileRequest(string? DisplayName);

    public sealed record PasswordRequest(string? CurrentPassword, string? NewPassword);

    public static void MapProfileApi(this RouteGroupBuilder group)
    {
        var me = group.MapGroup("/me").RequireAuthorization();
        me.MapPut("/profile", UpdateProfile).WithName("UpdateMyProfile").WithSummary("Update the signed-in user's name");
        me.MapPut("/password", ChangePassword).WithName("ChangeMyPassword").WithSummary("Change the signed-in user's password");
    }

    private static async Task<Results<Ok<LoginApi.UserView>, ValidationProblem, UnauthorizedHttpResult>> UpdateProfile(ProfileRequest request, UserStore users, HttpContext http, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(WorkspaceScope.UserIdOf(http.User)!, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        var errors = new FieldErrors().DisplayText("displayName", request.DisplayName, 100);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var displayName = request.DisplayName!.Trim();
        await users.UpdateDisplayNameAsync(user.Id, displayName, cancellationToken);
        return TypedResults.Ok(new LoginApi.UserView(user.Id, user.Email, displayName));
    }

    private static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> ChangePassword(
        PasswordRequest request, UserStore users, IPasswordHasher<UserAccount> hasher, HttpContext http, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(WorkspaceScope.UserIdOf(http.User)!, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(request.CurrentPassword) || hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            errors.Add("currentPassword", "Not your current password.");
        }
        if (request.NewPassword is not { Length: >= 8 and <= 128 })
        {
            errors.Add("newPassword", "Between 8 and 128 characters.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        await users.UpdatePasswordHashAsync(user.Id, hasher.HashPassword(user, request.NewPassword!), cancellationToken);
        return TypedResults.NoContent();
    }
}
