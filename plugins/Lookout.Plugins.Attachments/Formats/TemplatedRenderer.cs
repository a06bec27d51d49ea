using System.Text.Encodings.Web;
using Lookout.Plugins.Attachments.Templates;

namespace Lookout.Plugins.Attachments.Formats;

/// <summary>A format's attachment renderer: the engine renders, the format says how values are written and how the file ends.</summary>
internal abstract class TemplatedRenderer(TemplateEngine engine) : IAttachmentRenderer
{
    public abstract string Format { get; }

    public abstract string ContentType { get; }

    public abstract string FileExtension { get; }

    /// <summary>How a date written without <c>format_date</c> reads for <paramref name="recipient"/>.</summary>
    public abstract string DefaultDateFormat(Recipient recipient);

    /// <summary>The format's part of one render: its encoding, its own filters, and the bytes at the end.</summary>
    /// <exception cref="ArgumentException">The recipient's preference cannot be used in this format.</exception>
    public abstract FormatSession Start(Recipient recipient);

    public Task<NotificationAttachment> RenderAsync(AttachmentRenderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var content = engine.Render(this, request, cancellationToken);
        return Task.FromResult(new NotificationAttachment($"{request.FileName}.{FileExtension}", ContentType, content));
    }
}

/// <summary>One render in one format.</summary>
internal abstract class FormatSession : IDisposable
{
    /// <summary>Encodes every <c>{{ value }}</c> for the format; null writes values as they are.</summary>
    public abstract TextEncoder? Encoder { get; }

    /// <summary>Whether the output is JSON, so that the <c>json</c> filter's output needs no further encoding.</summary>
    public virtual bool WritesJson => false;

    /// <summary>The format's own filters.</summary>
    public virtual IReadOnlyDictionary<string, LiquidFilter> Filters { get; } = new Dictionary<string, LiquidFilter>();

    /// <summary>The file's bytes from what the template wrote.</summary>
    /// <exception cref="AttachmentTemplateException">What the template wrote is not valid in the format.</exception>
    public virtual byte[] Finish(string output) => System.Text.Encoding.UTF8.GetBytes(output);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
