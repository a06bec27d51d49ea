using Lookout.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Plugins;

/// <summary>
/// What a plugin registers into: its own service collection, copied into the host's only when
/// <see cref="ILookoutPlugin.Register"/> returns, so that a registration that throws half-way leaves nothing behind.
/// </summary>
internal sealed class PluginRegistration(PluginManifest manifest, IConfiguration configuration) : IPluginRegistration
{
    private readonly ServiceCollection _services = new();

    public PluginManifest Manifest { get; } = manifest;

    public IConfiguration Configuration { get; } = configuration;

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

    public void CopyTo(IServiceCollection services)
    {
        foreach (var descriptor in _services)
        {
            services.Add(descriptor);
        }
    }
}
