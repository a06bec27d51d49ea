using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Tenancy;

public static class WorkspaceEndpointExtensions
{
    /// <summary>Requires a signed-in member of the request's workspace with at least <paramref name="minimum"/>; others get 403 (or 404 for a foreign workspace).</summary>
    public static TBuilder RequireWorkspaceRole<TBuilder>(this TBuilder builder, WorkspaceRole minimum) where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization();
        builder.AddEndpointFilter(async (context, next) =>
        {
            var scope = await WorkspaceScope.ResolveAsync(context.HttpContext).ConfigureAwait(false);
            return scope.Role >= minimum
                ? await next(context).ConfigureAwait(false)
                : TypedResults.Problem(title: $"This needs the {minimum} role in this workspace.", statusCode: StatusCodes.Status403Forbidden);
        });
        return builder;
    }

    /// <summary>Requires a signed-in installation owner (<see cref="IWorkspaceMembership.IsInstallationOwnerAsync"/>); others get 403.</summary>
    public static TBuilder RequireInstallationOwner<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization();
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var membership = http.RequestServices.GetRequiredService<IWorkspaceMembership>();
            return WorkspaceScope.UserIdOf(http.User) is { } userId && await membership.IsInstallationOwnerAsync(userId, http.RequestAborted).ConfigureAwait(false)
                ? await next(context).ConfigureAwait(false)
                : TypedResults.Problem(title: "This needs an installation owner.", statusCode: StatusCodes.Status403Forbidden);
        });
        return builder;
    }
}
