using System.Text.Encodings.Web;
using System.Text.Json;
using Lookout.Plugins.Attachments.Templates;

namespace Lookout.Plugins.Attachments.Formats;

/// <summary>
/// JSON attachments. <c>{{ value | json }}</c> writes a whole JSON value; a plain <c>{{ value }}</c> is escaped as the
/// inside of a JSON string (for <c>"name": "{{ lead.name }}"</c>). The result is parsed before it is sent: a
/// template that does not make valid JSON fails with where the output broke.
/// </summary>
internal sealed class JsonRenderer(TemplateEngine engine) : TemplatedRenderer(engine)
{
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 64 };

    public override string Format => "json";

    public override string ContentType => "application/json; charset=utf-8";

    public override string FileExtension => "json";

    public override string DefaultDateFormat(Recipient recipient) => "yyyy-MM-ddTHH:mm:sszzz";

    public override FormatSession Start(Recipient recipient) => new Session();

    private sealed class Session : FormatSession
    {
        // Quotes, backslashes and control characters escaped; other characters kept as they are.
        public override TextEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

        public override bool WritesJson => true;

        public override byte[] Finish(string output)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(output);
            try
            {
                using var document = JsonDocument.Parse(bytes, Strict);
            }
            catch (JsonException e)
            {
                throw new AttachmentTemplateException(
                    $"The template did not make valid JSON (output line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0]} " +
                    "Write values with {{ value | json }}, or inside quotes as \"{{ value }}\".",
                    e);
            }
            return bytes;
        }
    }
}
