using Microsoft.AspNetCore.Routing;

namespace Lookout.Kernel.Plugins;

/// <summary>
/// Admin endpoints a built-in plugin adds (e.g. the email plugin's pickup folder): register one as a singleton in
/// <c>Register</c>, and the host maps it on the <c>/api/plugins</c> group when the plugin loaded. Map routes under the
/// plugin's id (<c>/email/...</c>) and require a workspace role on each. Folder plugins, built against the SDK only,
/// have no endpoints.
/// </summary>
public interface IPluginEndpoints
{
    /// <summary>Maps the plugin's endpoints on <paramref name="plugins"/>, the <c>/api/plugins</c> group.</summary>
    void MapEndpoints(RouteGroupBuilder plugins);
}
