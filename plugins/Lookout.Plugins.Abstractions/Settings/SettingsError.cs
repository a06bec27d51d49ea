namespace Lookout.Plugins;

/// <summary>What is wrong with one setting, as a plugin's settings validator reports it.</summary>
/// <param name="Field">
/// The setting's property name as the settings class spells it (e.g. <c>Port</c>); the admin API reports it in camelCase
/// (<c>port</c>) next to the field.
/// </param>
/// <param name="Message">What is wrong, in words an admin understands (e.g. <c>Between 1 and 65535.</c>).</param>
public sealed record SettingsError(string Field, string Message);
