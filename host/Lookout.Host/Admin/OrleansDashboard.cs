using Orleans.Dashboard;

namespace Lookout.Host.Admin;

/// <summary>
/// Orleans' own dashboard (grains, silos, calls, reminders) at <see cref="Path"/>, for installation owners only: it
/// sees every workspace's grains, their state included.
/// </summary>
internal static class OrleansDashboard
{
    public const string Path = "/admin/orleans";

    /// <summary>Maps the dashboard's page, assets and data endpoints, every one behind <see cref="InstallationOwner.Policy"/>.</summary>
    public static void MapOrleansDashboardForOwners(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapOrleansDashboard(Path)
            .RequireAuthorization(InstallationOwner.Policy)
            .ExcludeFromDescription();
}
