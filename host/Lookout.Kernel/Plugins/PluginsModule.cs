using Lookout.Kernel.Modules;
using Lookout.Kernel.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lookout.Kernel.Plugins;

/// <summary>
/// Channel and attachment-renderer plugins: the built-in ones shipped beside the host and the external ones in the
/// plugins folder (<see cref="PluginOptions"/>), loaded as the host is composed; <c>/api/plugins</c> lists them
/// with their status. A kernel module, so that every host that runs modules runs plugins.
/// </summary>
public sealed class PluginsModule : IModule
{
    public string Name => "plugins";

    public string Title => "Plugins";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var contentRoot = configuration[HostDefaults.ContentRootKey] ?? Directory.GetCurrentDirectory();
        services.AddLookoutPlugins(configuration, contentRoot, PluginLoader.BuiltInAssemblies(AppContext.BaseDirectory));
    }

    public void MapEndpoints(RouteGroupBuilder group)
    {
        group.MapPluginsApi();
        group.MapAttachmentPreviewApi();
    }

    /// <summary>None: plugins own no tables.</summary>
    public IReadOnlyList<Migration> Migrations(SqlDialect dialect) => [];
}
