using Lookout.Kernel.Http;
using Orleans.Dashboard;

namespace Lookout.Host.Admin;

/// <summary>
/// Orleans' own dashboard (grains, silos, calls, reminders) at <see cref="Path"/>, for installation owners only: it
/// sees every workspace's grains, their state included.
/// </summary>
internal static class OrleansDashboard
{
    public const string Path = "/admin/orleans";

    /// <summary>
    /// The SPA's policy with inline styles allowed: the dashboard's diagrams (mermaid) and charts write &lt;style&gt;
    /// elements. Its scripts are still its own files only.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>Maps the dashboard's page, assets and data endpoints, every one behind <see cref="InstallationOwner.Policy"/>.</summary>
    public static void MapOrleansDashboardForOwners(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapOrleansDashboard(Path)
            .RequireAuthorization(InstallationOwner.Policy)
            .WithContentSecurityPolicy(ContentSecurityPolicy)
            .ExcludeFromDescription();
}
