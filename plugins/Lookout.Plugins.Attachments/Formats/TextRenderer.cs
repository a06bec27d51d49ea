using System.Text.Encodings.Web;
using Lookout.Plugins.Attachments.Templates;

namespace Lookout.Plugins.Attachments.Formats;

/// <summary>Plain text attachments: values are written as they are (there is nothing to escape in plain text).</summary>
internal sealed class TextRenderer(TemplateEngine engine) : TemplatedRenderer(engine)
{
    public override string Format => "txt";

    public override string ContentType => "text/plain; charset=utf-8";

    public override string FileExtension => "txt";

    public override string DefaultDateFormat(Recipient recipient) => "yyyy-MM-dd HH:mm";

    public override FormatSession Start(Recipient recipient) => new Session();

    private sealed class Session : FormatSession
    {
        public override TextEncoder? Encoder => null;
    }
}
