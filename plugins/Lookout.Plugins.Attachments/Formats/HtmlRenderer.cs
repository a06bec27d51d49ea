using System.Text.Unicode;
using HandlebarsDotNet;
using Lookout.Plugins.Attachments.Templates;

namespace Lookout.Plugins.Attachments.Formats;

/// <summary>
/// HTML attachments. Every <c>{{value}}</c> is HTML-escaped (<c>&lt; &gt; &amp; " '</c>), and triple braces are
/// refused, so a visitor's name or page title can never become markup or script.
/// </summary>
internal sealed class HtmlRenderer(TemplateEngine engine) : TemplatedRenderer(engine)
{
    public override string Format => "html";

    public override string ContentType => "text/html; charset=utf-8";

    public override string FileExtension => "html";

    public override string DefaultDateFormat(Recipient recipient) => "yyyy-MM-dd HH:mm";

    public override FormatSession Start(TemplateRendering rendering) => new Session();

    private sealed class Session : FormatSession
    {
        public override ITextEncoder Encoder { get; } = new Escaper();
    }

    private sealed class Escaper : StringEncoder
    {
        // Letters of every script stay readable; markup characters and quotes are escaped.
        private static readonly System.Text.Encodings.Web.HtmlEncoder Html = System.Text.Encodings.Web.HtmlEncoder.Create(UnicodeRanges.All);

        protected override void Escape(string text, TextWriter target) => Html.Encode(target, text);
    }
}
