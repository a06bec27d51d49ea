namespace Lookout.Plugins;

/// <summary>
/// Marks a settings property as a secret (a password, an API token): the admin API never returns its value, only
/// whether it is set, and a save that leaves it out keeps the value saved before.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class SecretSettingAttribute : Attribute;
