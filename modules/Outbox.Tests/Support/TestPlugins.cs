using Lookout.Kernel.Plugins;
using Lookout.Plugins;

namespace Lookout.Outbox.Tests.Support;

/// <summary>The channels and attachment renderers a test provides, in front of the host's own (if any).</summary>
public sealed class TestPlugins(IChannelRegistry? hostChannels = null, IAttachmentRendererRegistry? hostRenderers = null) : IChannelRegistry, IAttachmentRendererRegistry
{
    private readonly Dictionary<string, IChannel> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IAttachmentRenderer> _renderers = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Names => _channels.Keys.Concat(hostChannels?.Names ?? []).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> Formats => _renderers.Keys.Concat(hostRenderers?.Formats ?? []).Order(StringComparer.Ordinal).ToList();

    public TestPlugins Add(IChannel channel)
    {
        _channels.Add(channel.Name, channel);
        return this;
    }

    public TestPlugins Add(IAttachmentRenderer renderer)
    {
        _renderers.Add(renderer.Format, renderer);
        return this;
    }

    public IChannel? Find(string name) => _channels.GetValueOrDefault(name) ?? hostChannels?.Find(name);

    IAttachmentRenderer? IAttachmentRendererRegistry.Find(string format) => _renderers.GetValueOrDefault(format) ?? hostRenderers?.Find(format);

    /// <summary>Wraps the host's registries: channels and renderers of <paramref name="from"/> first, the host's behind them.</summary>
    public static TestPlugins Over(IChannelRegistry channels, IAttachmentRendererRegistry renderers, TestPlugins from)
    {
        var plugins = new TestPlugins(channels, renderers);
        foreach (var (_, channel) in from._channels)
        {
            plugins.Add(channel);
        }
        foreach (var (_, renderer) in from._renderers)
        {
            plugins.Add(renderer);
        }
        return plugins;
    }
}

/// <summary>
/// A <c>txt</c> renderer that shows what it was given: the template, the recipient's time zone and CSV delimiter,
/// and the <c>at</c> date of the data in that time zone. A template <c>{{broken</c> fails at line 1, column 3.
/// </summary>
public sealed class EchoRenderer : IAttachmentRenderer
{
    public string Format => "txt";

    public string ContentType => "text/plain; charset=utf-8";

    public string FileExtension => "txt";

    public Task<NotificationAttachment> RenderAsync(AttachmentRenderRequest request, CancellationToken cancellationToken)
    {
        if (request.Template.StartsWith("{{broken", StringComparison.Ordinal))
        {
            throw new AttachmentTemplateException("Unclosed expression.", 1, 3);
        }
        var at = request.Data.TryGetValue("at", out var value) && value is DateTimeOffset date
            ? TimeZoneInfo.ConvertTime(date, TimeZoneInfo.FindSystemTimeZoneById(request.Recipient.TimeZone)).ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture)
            : "no date";
        var text = $"{request.Template}|{request.Recipient.TimeZone}|{request.Recipient.Csv.Delimiter}|{at}";
        return Task.FromResult(new NotificationAttachment($"{request.FileName}.txt", ContentType, System.Text.Encoding.UTF8.GetBytes(text)));
    }
}
