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

    /// <summary>
    /// Declares the plugin's settings so that admins can read and change them at runtime (<c>GET</c> and <c>PUT
    /// /api/plugins/&lt;id&gt;/settings</c>, and the settings form on the Plugins page) without editing the host's
    /// configuration. The host binds <typeparamref name="TSettings"/> from <see cref="Configuration"/> with what admins
    /// saved on top, and provides <see cref="IPluginSettings{TSettings}"/> to the plugin's services.
    /// </summary>
    /// <remarks>
    /// Every public property with a setter is a setting, named by its property name in configuration and in camelCase
    /// in the admin API: strings, whole numbers, booleans, enums (a choice of their names) and string-to-string
    /// dictionaries. Mark passwords and tokens with <see cref="SecretSettingAttribute"/>; describe a setting for admins
    /// with <c>System.ComponentModel.DescriptionAttribute</c>. A save is refused, field by field, when a value has the
    /// wrong type or <paramref name="validate"/> reports errors; nothing is changed then. Settings are host-wide.
    /// A setting that admins must not change at runtime (a folder on the server, a network allow-list) belongs outside
    /// <typeparamref name="TSettings"/>, read from <see cref="Configuration"/> in <see cref="ILookoutPlugin.Register"/>.
    /// </remarks>
    /// <typeparam name="TSettings">The settings class: public, with a public parameterless constructor and default values.</typeparam>
    /// <param name="validate">What is wrong with a candidate set of settings; empty when they can be saved.</param>
    /// <returns>This registration, to chain calls.</returns>
    /// <exception cref="InvalidOperationException">The configured values cannot be bound to <typeparamref name="TSettings"/> (the plugin then fails with the message).</exception>
    IPluginRegistration AddSettings<TSettings>(Func<TSettings, IEnumerable<SettingsError>> validate)
        where TSettings : class, new();
}
