namespace Lookout.Plugins;

/// <summary>
/// A plugin's current settings, as registered with <see cref="IPluginRegistration.AddSettings{TSettings}"/>. There are
/// two kinds: the installation's (the host's configuration, <c>Plugins:&lt;id&gt;</c>, with what installation owners
/// saved on top) and a workspace's own (what that workspace's Admins saved; they stand alone, nothing of the
/// installation's is layered under them). Take it in a channel's constructor and call <see cref="ForWorkspace"/> with the
/// notification's <see cref="Notification.WorkspaceId"/> at each attempt, so that each workspace's deliveries go where
/// that workspace said and a saved change applies to the next delivery.
/// </summary>
/// <typeparam name="TSettings">The plugin's settings class.</typeparam>
public interface IPluginSettings<out TSettings>
    where TSettings : class
{
    /// <summary>The installation's settings as they are now; a new instance after each change, never modified in place.</summary>
    TSettings Current { get; }

    /// <summary>
    /// The settings that apply to <paramref name="workspaceId"/>: its own when its Admins saved some, else the
    /// installation's (<see cref="Current"/>, also for a null workspace). Never modified in place.
    /// </summary>
    /// <param name="workspaceId">The workspace a delivery belongs to (<see cref="Notification.WorkspaceId"/>).</param>
    TSettings ForWorkspace(string? workspaceId) => Current;
}
