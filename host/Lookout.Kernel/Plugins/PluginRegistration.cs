using Lookout.Kernel.Plugins.Settings;
using Lookout.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Plugins;

/// <summary>
/// What a plugin registers into: its own service collection, copied into the host's only when
/// <see cref="ILookoutPlugin.Register"/> returns, so that a registration that throws half-way leaves nothing behind.
/// </summary>
/// <remarks>
/// <see cref="Configuration"/> is the host's <c>Plugins:&lt;id&gt;</c> section with what admins saved on top
/// (<see cref="SavedPluginSettings"/>), so that a plugin reads saved values wherever it reads its configuration.
/// </remarks>
internal sealed class PluginRegistration(PluginManifest manifest, IConfiguration hostSection, SavedPluginSettings saved) : IPluginRegistration
{
    private readonly ServiceCollection _services = new();

    public PluginManifest Manifest { get; } = manifest;

    public IConfiguration Configuration { get; } = saved.ConfigurationFor(manifest.Id, hostSection);

    /// <summary>What <see cref="AddSettings{TSettings}"/> declared; null when the plugin has no runtime settings.</summary>
    public PluginSettingsDeclaration? Settings { get; private set; }

    public IServiceCollection Services => _services;

    public List<Type> ChannelTypes { get; } = [];

    public List<Type> RendererTypes { get; } = [];

    public IPluginRegistration AddChannel<TChannel>()
        where TChannel : class, IChannel
    {
        if (!ChannelTypes.Contains(typeof(TChannel)))
        {
            _services.AddSingleton<TChannel>();
            ChannelTypes.Add(typeof(TChannel));
        }
        return this;
    }

    public IPluginRegistration AddAttachmentRenderer<TRenderer>()
        where TRenderer : class, IAttachmentRenderer
    {
        if (!RendererTypes.Contains(typeof(TRenderer)))
        {
            _services.AddSingleton<TRenderer>();
            RendererTypes.Add(typeof(TRenderer));
        }
        return this;
    }

    public IPluginRegistration AddSettings<TSettings>(Func<TSettings, IEnumerable<SettingsError>> validate)
        where TSettings : class, new()
    {
        if (Settings is not null)
        {
            throw new InvalidOperationException("A plugin declares its settings once.");
        }
        var schema = SettingsSchema.For(validate);
        _services.AddSingleton<IPluginSettings<TSettings>>(new PluginSettingsAccessor<TSettings>(schema, Configuration, saved, Manifest.Id));
        Settings = new PluginSettingsDeclaration(Manifest.Id, schema, hostSection, Configuration);
        return this;
    }

    public void CopyTo(IServiceCollection services)
    {
        foreach (var descriptor in _services)
        {
            services.Add(descriptor);
        }
    }
}
