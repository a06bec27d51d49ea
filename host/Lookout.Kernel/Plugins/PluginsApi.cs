using Lookout.Kernel.Plugins.Settings;
using Lookout.Kernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Plugins;

internal static class PluginsApi
{
    /// <summary>
    /// A plugin as the admin SPA shows it; <see cref="Source"/> is <c>built-in</c> or <c>folder</c>, <see cref="Status"/>
    /// <c>loaded</c> or <c>failed</c>; <see cref="HasSettings"/> when admins can change its settings (<c>/api/plugins/{id}/settings</c>).
    /// </summary>
    public sealed record PluginView(
        string Id,
        string Name,
        string? Version,
        string? SdkVersion,
        string Source,
        string Status,
        string? Reason,
        IReadOnlyList<string> Channels,
        IReadOnlyList<string> AttachmentRenderers,
        bool HasSettings);

    /// <summary>The plugin list, each plugin's settings, and the endpoints of the built-in plugins that loaded.</summary>
    public static void MapPluginsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/", List).WithName("ListPlugins").WithSummary("List the loaded plugins and their status").RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapPluginSettingsApi();
        foreach (var endpoints in ((IEndpointRouteBuilder)group).ServiceProvider.GetServices<IPluginEndpoints>())
        {
            endpoints.MapEndpoints(group);
        }
    }

    private static Ok<IEnumerable<PluginView>> List(PluginActivation plugins) =>
        TypedResults.Ok(plugins.Catalog.Entries.Select(entry =>
        {
            var p = entry.ToInfo();
            return new PluginView(
                p.Id,
                p.Name,
                p.Version,
                p.SdkVersion,
                p.Source == PluginSource.BuiltIn ? "built-in" : "folder",
                p.Status == PluginStatus.Loaded ? "loaded" : "failed",
                p.Reason,
                p.Channels,
                p.AttachmentRenderers,
                entry.Settings is not null);
        }));
}
