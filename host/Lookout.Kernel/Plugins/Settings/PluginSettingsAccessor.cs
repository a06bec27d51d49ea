using System.Collections.Concurrent;
using Lookout.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Lookout.Kernel.Plugins.Settings;

/// <summary>
/// <see cref="IPluginSettings{TSettings}"/>: binds the installation's settings from the plugin's layered configuration
/// when it is created (a value of the wrong type then fails the plugin) and again whenever that configuration reloads;
/// binds a workspace's own values when first asked for after they changed (they were checked when saved).
/// </summary>
internal sealed class PluginSettingsAccessor<TSettings> : IPluginSettings<TSettings>
    where TSettings : class, new()
{
    private readonly SettingsSchema _schema;
    private readonly SavedPluginSettings _saved;
    private readonly string _pluginId;
    private readonly ConcurrentDictionary<string, (long Version, TSettings Settings)> _workspaces = new(StringComparer.Ordinal);
    private TSettings _current;

    public PluginSettingsAccessor(SettingsSchema schema, IConfiguration configuration, SavedPluginSettings saved, string pluginId)
    {
        _schema = schema;
        _saved = saved;
        _pluginId = pluginId;
        _current = (TSettings)schema.Bind(configuration);
        ChangeToken.OnChange(configuration.GetReloadToken, () =>
        {
            try
            {
                Volatile.Write(ref _current, (TSettings)schema.Bind(configuration));
            }
            catch (InvalidOperationException)
            {
                // A value of the wrong type in the host's own configuration: the last good settings stay (saves through the API are checked first).
            }
        });
    }

    public TSettings Current => Volatile.Read(ref _current);

    public TSettings ForWorkspace(string? workspaceId)
    {
        if (workspaceId is null)
        {
            return Current;
        }
        var version = _saved.Version;
        if (_workspaces.TryGetValue(workspaceId, out var cached) && cached.Version == version)
        {
            return cached.Settings;
        }
        var settings = _saved.WorkspaceValuesOf(workspaceId, _pluginId) is { } values ? (TSettings)_schema.Bind(SavedPluginSettings.Standalone(values)) : Current;
        _workspaces[workspaceId] = (version, settings);
        return settings;
    }
}
