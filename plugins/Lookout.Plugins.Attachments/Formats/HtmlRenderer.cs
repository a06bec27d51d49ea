using System.Text.Encodings.Web;
using System.Text.Unicode;
using Lookout.Plugins.Attachments.Templates;

namespace Lookout.Plugins.Attachments.Formats;

/// <summary>
/// HTML attachments. Every <c>{{ value }}</c> is HTML-encoded (<c>&lt; &gt; &amp; " '</c>), whatever filters it went
/// through, so a visitor's name or page title can never become markup or script.
/// </summary>
internal sealed class HtmlRenderer(TemplateEngine engine) : TemplatedRenderer(engine)
{
    // Letters of every script stay readable; markup characters and quotes are encoded.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public override string Format => "html";

    public override string ContentType => "text/html; charset=utf-8";

    public override string FileExtension => "html";

    public override string DefaultDateFormat(Recipient recipient) => "yyyy-MM-dd HH:mm";

    public override FormatSession Start(Recipient recipient) => new Session();

    private sealed class Session : FormatSession
    {
        public override TextEncoder Encoder => Html;
    }
}
