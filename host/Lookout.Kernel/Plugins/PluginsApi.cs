using Lookout.Kernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Kernel.Plugins;

internal static class PluginsApi
{
    /// <summary>A plugin as the admin SPA shows it; <see cref="Source"/> is <c>built-in</c> or <c>folder</c>, <see cref="Status"/> <c>loaded</c> or <c>failed</c>.</summary>
    public sealed record PluginView(
        string Id,
        string Name,
        string? Version,
        string? SdkVersion,
        string Source,
        string Status,
        string? Reason,
        IReadOnlyList<string> Channels,
        IReadOnlyList<string> AttachmentRenderers);

    public static void MapPluginsApi(this RouteGroupBuilder group) =>
        group.MapGet("/", List).WithName("ListPlugins").RequireWorkspaceRole(WorkspaceRole.Admin);

    private static Ok<IEnumerable<PluginView>> List(PluginActivation plugins) =>
        TypedResults.Ok(plugins.Catalog.Plugins.Select(p => new PluginView(
            p.Id,
            p.Name,
            p.Version,
            p.SdkVersion,
            p.Source == PluginSource.BuiltIn ? "built-in" : "folder",
            p.Status == PluginStatus.Loaded ? "loaded" : "failed",
            p.Reason,
            p.Channels,
            p.AttachmentRenderers)));
}
