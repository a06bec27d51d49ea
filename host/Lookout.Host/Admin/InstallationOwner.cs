using Lookout.Kernel.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace Lookout.Host.Admin;

/// <summary>
/// The installation owners (<see cref="IWorkspaceMembership.IsInstallationOwnerAsync"/>: first-run's admin, and whom
/// the migration found Admin of the oldest workspace). Tools that see the whole installation (the Orleans Dashboard)
/// are theirs alone; no workspace role grants them.
/// </summary>
internal static class InstallationOwner
{
    public const string Policy = "InstallationOwner";

    /// <summary>Adds the <see cref="Policy"/> policy: signed in (else 401) and an installation owner (else 403).</summary>
    public static IServiceCollection AddInstallationOwnerPolicy(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, InstallationOwnerHandler>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().AddRequirements(new IsInstallationOwner()));
        return services;
    }

    private sealed class IsInstallationOwner : IAuthorizationRequirement;

    private sealed class InstallationOwnerHandler(IWorkspaceMembership membership) : AuthorizationHandler<IsInstallationOwner>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, IsInstallationOwner requirement)
        {
            var cancellation = (context.Resource as HttpContext)?.RequestAborted ?? CancellationToken.None;
            if (WorkspaceScope.UserIdOf(context.User) is { } userId && await membership.IsInstallationOwnerAsync(userId, cancellation))
            {
                context.Succeed(requirement);
            }
        }
    }
}
