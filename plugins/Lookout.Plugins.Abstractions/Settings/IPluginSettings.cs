namespace Lookout.Plugins;

/// <summary>
/// A plugin's current settings, as registered with <see cref="IPluginRegistration.AddSettings{TSettings}"/>: the host's
/// configuration (<c>Plugins:&lt;id&gt;</c>) with what admins saved through the admin API on top. Take it in a channel's
/// constructor and read <see cref="Current"/> at each attempt, so that a saved change applies to the next delivery.
/// </summary>
/// <typeparam name="TSettings">The plugin's settings class.</typeparam>
public interface IPluginSettings<out TSettings>
    where TSettings : class
{
    /// <summary>The settings as they are now; a new instance after each change, never modified in place.</summary>
    TSettings Current { get; }
}
