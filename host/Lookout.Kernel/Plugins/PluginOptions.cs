namespace Lookout.Kernel.Plugins;

/// <summary>The <c>Plugins</c> configuration section; each plugin's own settings are its subsection <c>Plugins:&lt;id&gt;</c>.</summary>
public sealed class PluginOptions
{
    public const string Section = "Plugins";

    /// <summary>The folder external plugins load from, one subfolder each; relative to the content root. A missing folder means no external plugins.</summary>
    public string Path { get; set; } = "plugins";
}
