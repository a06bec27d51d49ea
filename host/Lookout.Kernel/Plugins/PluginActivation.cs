using System.Text.RegularExpressions;
using Lookout.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lookout.Kernel.Plugins;

/// <summary>
/// Creates every loaded plugin's channels and renderers once, from the host's services, and indexes them by name. A
/// plugin whose channel cannot be created, or whose name is invalid or taken, is marked failed and provides nothing.
/// </summary>
internal sealed partial class PluginActivation : IChannelRegistry, IAttachmentRendererRegistry
{
    private readonly SortedDictionary<string, IChannel> _channels = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, IAttachmentRenderer> _renderers = new(StringComparer.Ordinal);

    public PluginActivation(PluginCatalog catalog, IServiceProvider services, ILogger<PluginActivation> logger)
    {
        Catalog = catalog;
        foreach (var entry in catalog.Entries.Where(e => e.Status == PluginStatus.Loaded))
        {
            var reason = Activate(entry, services);
            if (reason is not null)
            {
                entry.Fail(reason);
            }
        }
        foreach (var entry in catalog.Entries)
        {
            if (entry.Status == PluginStatus.Failed)
            {
                LogFailed(logger, entry.Id, entry.Source, entry.Reason);
            }
            else
            {
                LogLoaded(logger, entry.Id, entry.Manifest?.Version, entry.Source, entry.Channels, entry.AttachmentRenderers);
            }
        }
    }

    public PluginCatalog Catalog { get; }

    IReadOnlyList<string> IChannelRegistry.Names => _channels.Keys.ToList();

    IReadOnlyList<string> IAttachmentRendererRegistry.Formats => _renderers.Keys.ToList();

    IChannel? IChannelRegistry.Find(string name) => _channels.GetValueOrDefault(name);

    IAttachmentRenderer? IAttachmentRendererRegistry.Find(string format) => _renderers.GetValueOrDefault(format);

    /// <summary>Creates the entry's channels and renderers; all or nothing. Returns why it failed, or null.</summary>
    private string? Activate(PluginEntry entry, IServiceProvider services)
    {
        var channels = new List<IChannel>();
        var renderers = new List<IAttachmentRenderer>();
        try
        {
            channels.AddRange(entry.ChannelTypes.Select(t => (IChannel)services.GetRequiredService(t)));
            renderers.AddRange(entry.RendererTypes.Select(t => (IAttachmentRenderer)services.GetRequiredService(t)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"A channel or renderer could not be created: {e.GetType().Name}: {e.Message}";
        }

        var problem = Check(channels.Select(c => c.Name), "channel", _channels.Keys)
            ?? Check(renderers.Select(r => r.Format), "attachment format", _renderers.Keys);
        if (problem is not null)
        {
            return problem;
        }
        foreach (var channel in channels)
        {
            _channels.Add(channel.Name, channel);
            entry.Channels.Add(channel.Name);
        }
        foreach (var renderer in renderers)
        {
            _renderers.Add(renderer.Format, renderer);
            entry.AttachmentRenderers.Add(renderer.Format);
        }
        return null;
    }

    private static string? Check(IEnumerable<string?> names, string what, IEnumerable<string> taken)
    {
        var seen = new HashSet<string>(taken, StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (name is null || !NamePattern().IsMatch(name))
            {
                return $"Its {what} name '{name}' must be lower-case letters, digits and dashes.";
            }
            if (!seen.Add(name))
            {
                return $"Its {what} '{name}' is already provided by another plugin.";
            }
        }
        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,49}$")]
    private static partial Regex NamePattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {Id} ({Source}) failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string id, PluginSource source, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {Id} {Version} ({Source}) loaded: channels {Channels}, attachment formats {Formats}")]
    private static partial void LogLoaded(ILogger logger, string id, string? version, PluginSource source, IReadOnlyList<string> channels, IReadOnlyList<string> formats);
}

/// <summary>Activates the plugins as the host starts, so that a broken one is reported then rather than at its first delivery.</summary>
internal sealed class PluginActivationService(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<PluginActivation>();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
