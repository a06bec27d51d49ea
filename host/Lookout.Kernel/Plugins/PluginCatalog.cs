using Lookout.Kernel.Plugins.Settings;
using Lookout.Plugins;

namespace Lookout.Kernel.Plugins;

/// <summary>Where a plugin came from.</summary>
public enum PluginSource
{
    /// <summary>An assembly shipped with the host.</summary>
    BuiltIn,

    /// <summary>A subfolder of the plugins folder.</summary>
    Folder,
}

/// <summary>Whether a plugin is in use.</summary>
public enum PluginStatus
{
    Loaded,
    Failed,
}

/// <summary>A plugin as the host sees it.</summary>
/// <param name="Id">Its manifest id, or its folder or assembly name when the manifest could not be read.</param>
/// <param name="SdkVersion">The SDK version its manifest declares, when read.</param>
/// <param name="Reason">Why it failed; null when loaded.</param>
/// <param name="Channels">The names of the channels it provides (none when failed).</param>
/// <param name="AttachmentRenderers">The formats of the attachment renderers it provides (none when failed).</param>
public sealed record PluginInfo(
    string Id,
    string Name,
    string? Version,
    string? SdkVersion,
    PluginSource Source,
    PluginStatus Status,
    string? Reason,
    IReadOnlyList<string> Channels,
    IReadOnlyList<string> AttachmentRenderers);

/// <summary>Every plugin the host tried to load, loaded or failed, in load order (built-in first, then folders by name).</summary>
public sealed class PluginCatalog
{
    private readonly List<PluginEntry> _entries = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<PluginInfo> Plugins
    {
        get
        {
            lock (_lock)
            {
                return _entries.Select(e => e.ToInfo()).ToList();
            }
        }
    }

    internal IReadOnlyList<PluginEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return _entries.ToList();
            }
        }
    }

    internal void Add(PluginEntry entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
        }
    }

    internal bool HasLoaded(string id)
    {
        lock (_lock)
        {
            return _entries.Any(e => e.Status == PluginStatus.Loaded && e.Id == id);
        }
    }
}

/// <summary>One plugin while it loads and activates; failing it drops what it provides.</summary>
internal sealed class PluginEntry(string id, PluginSource source, PluginManifest? manifest)
{
    public string Id { get; } = id;

    public PluginSource Source { get; } = source;

    public PluginManifest? Manifest { get; } = manifest;

    public PluginStatus Status { get; private set; } = PluginStatus.Loaded;

    public string? Reason { get; private set; }

    public List<Type> ChannelTypes { get; } = [];

    public List<Type> RendererTypes { get; } = [];

    public List<string> Channels { get; } = [];

    public List<string> AttachmentRenderers { get; } = [];

    /// <summary>The settings admins can change at runtime; null when it declared none, or failed.</summary>
    public PluginSettingsDeclaration? Settings { get; set; }

    public static PluginEntry Failed(string id, PluginSource source, PluginManifest? manifest, string reason)
    {
        var entry = new PluginEntry(id, source, manifest);
        entry.Fail(reason);
        return entry;
    }

    public void Fail(string reason)
    {
        Status = PluginStatus.Failed;
        Reason = reason;
        ChannelTypes.Clear();
        RendererTypes.Clear();
        Channels.Clear();
        AttachmentRenderers.Clear();
        Settings = null;
    }

    public PluginInfo ToInfo() => new(
        Id,
        Manifest?.Name ?? Id,
        Manifest?.Version,
        Manifest?.SdkVersion.ToString(),
        Source,
        Status,
        Reason,
        Channels.ToList(),
        AttachmentRenderers.ToList());
}
