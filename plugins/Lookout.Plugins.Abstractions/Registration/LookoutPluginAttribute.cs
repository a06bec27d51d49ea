namespace Lookout.Plugins;

/// <summary>
/// Names a plugin assembly's entry type, e.g. <c>[assembly: LookoutPlugin(typeof(WebhookPlugin))]</c>. The host reads
/// it from the assembly <c>plugin.json</c> names; an assembly without it is not a plugin.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class LookoutPluginAttribute : Attribute
{
    /// <summary>Names the entry type.</summary>
    /// <param name="entryType">A public class implementing <see cref="ILookoutPlugin"/> with a public parameterless constructor.</param>
    public LookoutPluginAttribute(Type entryType)
    {
        EntryType = entryType;
    }

    /// <summary>The plugin's entry type.</summary>
    public Type EntryType { get; }
}
