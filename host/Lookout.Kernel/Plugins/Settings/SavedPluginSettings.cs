using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace Lookout.Kernel.Plugins.Settings;

/// <summary>
/// What admins saved for each plugin, in memory, as one configuration layer per plugin over the host's
/// <c>Plugins:&lt;id&gt;</c> section. Replacing a plugin's values reloads its layer, so that
/// <see cref="Lookout.Plugins.IPluginSettings{TSettings}"/> sees them at once. <see cref="PluginSettingsTable"/> keeps them.
/// Each workspace's own values of a plugin are kept here too; they stand alone, not layered over the installation's.
/// </summary>
public sealed class SavedPluginSettings
{
    private readonly ConcurrentDictionary<string, SavedLayer> _layers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string WorkspaceId, string PluginId), IReadOnlyDictionary<string, string>> _workspaces = new();
    private long _version;

    /// <summary>Changes whenever any saved value changes (installation or workspace): a cache of bound settings compares it.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The plugin's configuration: <paramref name="hostSection"/> with what admins saved on top.</summary>
    public IConfiguration ConfigurationFor(string pluginId, IConfiguration hostSection) =>
        new ConfigurationBuilder()
            .AddConfiguration(hostSection, shouldDisposeConfiguration: false)
            .Add(new SavedLayerSource(Layer(pluginId)))
            .Build();

    /// <summary>The values saved for <paramref name="pluginId"/>, keys relative to its section (e.g. <c>Port</c>, <c>Headers:X-Key</c>).</summary>
    public IReadOnlyDictionary<string, string> ValuesOf(string pluginId) => Layer(pluginId).Values;

    /// <summary>Replaces what is saved for <paramref name="pluginId"/> and reloads its configuration.</summary>
    public void Replace(string pluginId, IReadOnlyDictionary<string, string> values)
    {
        Layer(pluginId).Replace(values);
        Interlocked.Increment(ref _version);
    }

    /// <summary><paramref name="workspaceId"/>'s own values for <paramref name="pluginId"/>; null when it uses the installation's.</summary>
    public IReadOnlyDictionary<string, string>? WorkspaceValuesOf(string workspaceId, string pluginId) =>
        _workspaces.TryGetValue((workspaceId, pluginId), out var values) ? values : null;

    /// <summary>Replaces <paramref name="workspaceId"/>'s own values; null makes it use the installation's again.</summary>
    public void ReplaceForWorkspace(string workspaceId, string pluginId, IReadOnlyDictionary<string, string>? values)
    {
        if (values is null)
        {
            _workspaces.TryRemove((workspaceId, pluginId), out _);
        }
        else
        {
            _workspaces[(workspaceId, pluginId)] = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
        }
        Interlocked.Increment(ref _version);
    }

    /// <summary>A workspace's values alone, as configuration to bind: the installation's are deliberately not under them.</summary>
    public static IConfiguration Standalone(IReadOnlyDictionary<string, string> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    /// <summary>Every workspace's own values, as last read or saved here.</summary>
    public IEnumerable<KeyValuePair<(string WorkspaceId, string PluginId), IReadOnlyDictionary<string, string>>> WorkspaceValues => _workspaces;

    private SavedLayer Layer(string pluginId) => _layers.GetOrAdd(pluginId, _ => new SavedLayer());

    private sealed class SavedLayer
    {
        private readonly List<SavedLayerProvider> _providers = [];
        private readonly Lock _lock = new();

        public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();

        public void Attach(SavedLayerProvider provider)
        {
            lock (_lock)
            {
                _providers.Add(provider);
            }
        }

        public void Replace(IReadOnlyDictionary<string, string> values)
        {
            List<SavedLayerProvider> providers;
            lock (_lock)
            {
                Values = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
                providers = [.. _providers];
            }
            foreach (var provider in providers)
            {
                provider.Refresh(Values);
            }
        }
    }

    private sealed class SavedLayerSource(SavedLayer layer) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder)
        {
            var provider = new SavedLayerProvider(layer);
            layer.Attach(provider);
            return provider;
        }
    }

    private sealed class SavedLayerProvider(SavedLayer layer) : ConfigurationProvider
    {
        public override void Load() => Data = Copy(layer.Values);

        public void Refresh(IReadOnlyDictionary<string, string> values)
        {
            Data = Copy(values);
            OnReload();
        }

        private static Dictionary<string, string?> Copy(IReadOnlyDictionary<string, string> values) =>
            values.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.OrdinalIgnoreCase);
    }
}
