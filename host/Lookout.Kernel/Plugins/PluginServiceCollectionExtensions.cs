using System.Reflection;
using Lookout.Kernel.Events;
using Lookout.Kernel.Plugins.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Plugins;

public static class PluginServiceCollectionExtensions
{
    /// <summary>
    /// Loads <paramref name="builtIn"/> plugin assemblies, then every plugin folder under <c>Plugins:Path</c> (relative
    /// to <paramref name="contentRoot"/>), registers what the loaded ones provide, and adds <see cref="PluginCatalog"/>,
    /// <see cref="IChannelRegistry"/> and <see cref="IAttachmentRendererRegistry"/>. Broken plugins are marked failed.
    /// Settings admins saved (<see cref="PluginSettingsTable"/>) are read as the host starts and layered over each plugin's section.
    /// </summary>
    public static IServiceCollection AddLookoutPlugins(this IServiceCollection services, IConfiguration configuration, string contentRoot, IEnumerable<Assembly> builtIn)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(builtIn);
        var options = configuration.GetSection(PluginOptions.Section).Get<PluginOptions>() ?? new PluginOptions();
        var catalog = new PluginCatalog();
        var saved = new SavedPluginSettings();
        var loader = new PluginLoader(services, configuration, catalog, saved);
        foreach (var assembly in builtIn)
        {
            loader.LoadBuiltIn(assembly);
        }
        loader.LoadFolder(Path.Combine(contentRoot, options.Path));

        services.AddSingleton(catalog);
        services.AddSingleton(saved);
        services.AddSingleton<PluginSettingsTable>();
        services.AddSingleton<PluginSettingsRefresh>();
        services.AddHostedService(sp => sp.GetRequiredService<PluginSettingsRefresh>());
        services.AddSingleton<IEventSubscriber<PluginSettingsChanged>>(sp => sp.GetRequiredService<PluginSettingsRefresh>());
        services.AddSingleton<IEventSubscriber<ClusterEventsMissed>>(sp => sp.GetRequiredService<PluginSettingsRefresh>());
        services.AddSingleton<PluginActivation>();
        services.AddSingleton<IChannelRegistry>(sp => sp.GetRequiredService<PluginActivation>());
        services.AddSingleton<IAttachmentRendererRegistry>(sp => sp.GetRequiredService<PluginActivation>());
        services.AddHostedService<PluginActivationService>();
        return services;
    }
}
