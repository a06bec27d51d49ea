using Lookout.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Lookout.Kernel.Plugins.Settings;

/// <summary>
/// <see cref="IPluginSettings{TSettings}"/>: binds the settings from the plugin's layered configuration when it is
/// created (a value of the wrong type then fails the plugin) and again whenever that configuration reloads.
/// </summary>
internal sealed class PluginSettingsAccessor<TSettings> : IPluginSettings<TSettings>
    where TSettings : class, new()
{
    private TSettings _current;

    public PluginSettingsAccessor(SettingsSchema schema, IConfiguration configuration)
    {
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
}
