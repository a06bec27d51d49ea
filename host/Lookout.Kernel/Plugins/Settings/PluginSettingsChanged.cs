using Lookout.Kernel.Events;
using Orleans;

namespace Lookout.Kernel.Plugins.Settings;

/// <summary>An admin saved a plugin's settings: every host reads them again (<see cref="PluginSettingsRefresh"/>).</summary>
/// <param name="PluginId">The plugin whose settings were saved.</param>
[GenerateSerializer, Immutable]
public sealed record PluginSettingsChanged(string PluginId) : IClusterEvent;
