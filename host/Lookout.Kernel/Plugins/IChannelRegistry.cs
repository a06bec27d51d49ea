using Lookout.Plugins;

namespace Lookout.Kernel.Plugins;

/// <summary>The channels the loaded plugins provide, by name: how the outbox finds the channel a notification travels by.</summary>
public interface IChannelRegistry
{
    /// <summary>The names of every channel available, in order.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The channel named <paramref name="name"/>, or null when no loaded plugin provides it.</summary>
    IChannel? Find(string name);
}

/// <summary>The attachment renderers the loaded plugins provide, by format.</summary>
public interface IAttachmentRendererRegistry
{
    /// <summary>The formats of every renderer available, in order.</summary>
    IReadOnlyList<string> Formats { get; }

    /// <summary>The renderer of <paramref name="format"/>, or null when no loaded plugin provides it.</summary>
    IAttachmentRenderer? Find(string format);
}
