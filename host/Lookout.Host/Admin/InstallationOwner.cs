using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.Authorization;

namespace Lookout.Host.Admin;

/// <summary>
/// The installation owners: the Admins of the installation's first workspace, the one first-run created with the
/// first site. Tools that see the whole installation (the Orleans Dashboard) are theirs alone, since any signed-in
/// user may create a workspace and be its Admin.
/// </summary>
internal static class InstallationOwner
{
    public const string Policy = "InstallationOwner";

    /// <summary>Adds the <see cref="Policy"/> policy: signed in (else 401) and an Admin of the first workspace (else 403).</summary>
    public static IServiceCollection AddInstallationOwnerPolicy(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, AdminOfFirstWorkspaceHandler>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().AddRequirements(new AdminOfFirstWorkspace()));
        return services;
    }

    private sealed class AdminOfFirstWorkspace : IAuthorizationRequirement;

    private sealed class AdminOfFirstWorkspaceHandler(ISiteDirectory sites, IWorkspaceMembership membership) : AuthorizationHandler<AdminOfFirstWorkspace>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminOfFirstWorkspace requirement)
        {
            var cancellation = (context.Resource as HttpContext)?.RequestAborted ?? CancellationToken.None;
            if (WorkspaceScope.UserIdOf(context.User) is { } userId
                && await sites.FirstAsync(cancellation) is { } first
                && await membership.FindRoleAsync(userId, first.WorkspaceId, cancellation) == WorkspaceRole.Admin)
            {
                context.Succeed(requirement);
            }
        }
    }
}
