using Microsoft.Extensions.Configuration;

namespace Lookout.Kernel.Plugins.Settings;

/// <summary>A plugin's runtime settings: their schema, the host's section under them, and the layered configuration the plugin reads.</summary>
/// <param name="HostSection">The host's <c>Plugins:&lt;id&gt;</c> section alone, for checking a candidate save over it.</param>
/// <param name="Configuration">The host's section with what admins saved on top: what the plugin sees now.</param>
public sealed record PluginSettingsDeclaration(string PluginId, SettingsSchema Schema, IConfiguration HostSection, IConfiguration Configuration);
