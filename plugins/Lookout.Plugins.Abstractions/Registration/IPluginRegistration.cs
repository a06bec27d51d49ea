using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Plugins;

/// <summary>What <see cref="ILookoutPlugin.Register"/> registers with.</summary>
public interface IPluginRegistration
{
    /// <summary>The plugin's <c>plugin.json</c>, as the host read it.</summary>
    PluginManifest Manifest { get; }

    /// <summary>
    /// The plugin's settings: the host configuration's <c>Plugins:&lt;id&gt;</c> section (e.g. <c>Plugins:sample-webhook</c>
    /// in <c>appsettings.json</c>, or <c>Plugins__sample-webhook__Secret</c> in the environment). Empty when not configured.
    /// </summary>
    IConfiguration Configuration { get; }

    /// <summary>
    /// The host's services, for what the plugin's channels and renderers need (options, clients, stores). Types the
    /// host already provides (e.g. <see cref="TimeProvider"/>, logging) can be taken in constructors.
    /// </summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// Adds a channel. The host creates it once from its services (constructor injection) when it starts, and finds
    /// it by <see cref="IChannel.Name"/>.
    /// </summary>
    /// <typeparam name="TChannel">The channel's type.</typeparam>
    /// <returns>This registration, to chain calls.</returns>
    IPluginRegistration AddChannel<TChannel>()
        where TChannel : class, IChannel;

    /// <summary>
    /// Adds an attachment renderer. The host creates it once from its services when it starts, and finds it by
    /// <see cref="IAttachmentRenderer.Format"/>.
    /// </summary>
    /// <typeparam name="TRenderer">The renderer's type.</typeparam>
    /// <returns>This registration, to chain calls.</returns>
    IPluginRegistration AddAttachmentRenderer<TRenderer>()
        where TRenderer : class, IAttachmentRenderer;
}
