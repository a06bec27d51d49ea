using HandlebarsDotNet;
using Lookout.Plugins.Attachments.Templates;

namespace Lookout.Plugins.Attachments.Formats;

/// <summary>A format's attachment renderer: the engine renders, the format says how values are escaped and how the file ends.</summary>
internal abstract class TemplatedRenderer(TemplateEngine engine) : IAttachmentRenderer
{
    public abstract string Format { get; }

    public abstract string ContentType { get; }

    public abstract string FileExtension { get; }

    /// <summary>Whether <c>{{{...}}}</c> may write a value as it is: only where nothing is escaped anyway.</summary>
    public virtual bool AllowsUnescaped => false;

    /// <summary>How a date printed without <c>formatDate</c> reads for <paramref name="recipient"/>.</summary>
    public abstract string DefaultDateFormat(Recipient recipient);

    /// <summary>The format's part of one render: its escaping, its own helpers, and the bytes at the end.</summary>
    public abstract FormatSession Start(TemplateRendering rendering);

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
    /// <summary>Escapes every <c>{{value}}</c> for the format.</summary>
    public abstract ITextEncoder Encoder { get; }

    /// <summary>Whether the output is JSON, so that the <c>json</c> helper's output needs no further escaping.</summary>
    public virtual bool WritesJson => false;

    public virtual void RegisterHelpers(IHandlebars handlebars)
    {
    }

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

/// <summary>An <see cref="ITextEncoder"/> that escapes whole, non-empty strings.</summary>
internal abstract class StringEncoder : ITextEncoder
{
    public void Encode(string? text, TextWriter target)
    {
        if (!string.IsNullOrEmpty(text))
        {
            Escape(text, target);
        }
    }

    public void Encode(System.Text.StringBuilder? text, TextWriter target) => Encode(text?.ToString(), target);

    public void Encode<T>(T? text, TextWriter target)
        where T : IEnumerator<char>
    {
        if (text is null)
        {
            return;
        }
        var buffer = new System.Text.StringBuilder();
        while (text.MoveNext())
        {
            buffer.Append(text.Current);
        }
        Encode(buffer.ToString(), target);
    }

    protected abstract void Escape(string text, TextWriter target);
}
