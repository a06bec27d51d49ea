namespace Lookout.Plugins;

/// <summary>
/// A plugin's entry point: the type its assembly names with <see cref="LookoutPluginAttribute"/>. The host creates it
/// with its public parameterless constructor and calls <see cref="Register"/> once, before the host starts.
/// </summary>
public interface ILookoutPlugin
{
    /// <summary>
    /// Adds the plugin's channels, attachment renderers and the services they need. An exception thrown here marks
    /// the plugin failed (with the exception's message as the reason) and none of what it registered is kept; the
    /// host starts without it.
    /// </summary>
    /// <param name="registration">Where to register, with the plugin's manifest and configuration.</param>
    void Register(IPluginRegistration registration);
}
