using System.Text;
using Lookout.Kernel.Templates;
using Lookout.Plugins.Attachments.Formats;
using Lookout.Plugins.Attachments.Templates;

namespace Lookout.Plugins.Attachments.Tests.Support;

/// <summary>The four renderers over one engine (the host's Liquid engine), and a way to render a template to text.</summary>
internal sealed class Renderers(TemplateLimits? limits = null)
{
    private readonly TemplateEngine _engine = new(new LiquidTemplates(), limits ?? TemplateLimits.Default);

    public IAttachmentRenderer For(string format) => format switch
    {
        "csv" => new CsvRenderer(_engine),
        "html" => new HtmlRenderer(_engine),
        "txt" => new TextRenderer(_engine),
        "json" => new JsonRenderer(_engine),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public async Task<NotificationAttachment> RenderAsync(string format, string template, IReadOnlyDictionary<string, object?>? data = null, Recipient? recipient = null, CancellationToken cancellationToken = default) =>
        await For(format).RenderAsync(new AttachmentRenderRequest(template, data ?? new Dictionary<string, object?>(), recipient ?? Recipient.At("rep@example.com"), "leads"), cancellationToken);

    public async Task<string> TextAsync(string format, string template, IReadOnlyDictionary<string, object?>? data = null, Recipient? recipient = null) =>
        Encoding.UTF8.GetString((await RenderAsync(format, template, data, recipient)).Content.Span);

    /// <summary>A lead report's data: two leads with visits, one with hostile input.</summary>
    public static Dictionary<string, object?> LeadReport() => new()
    {
        ["title"] = "Hot leads",
        ["generatedAt"] = new DateTimeOffset(2026, 11, 21, 8, 30, 0, TimeSpan.Zero),
        ["leads"] = new List<object?>
        {
            new Dictionary<string, object?>
            {
                ["name"] = "Ann Lee",
                ["email"] = "ann@example.com",
                ["company"] = "Acme; Sons",
                ["owner"] = "Rita Rep",
                ["lastSeen"] = new DateTimeOffset(2026, 11, 20, 23, 15, 0, TimeSpan.Zero),
                ["pageViews"] = 12,
                ["timeOnSite"] = 754,
                ["tags"] = new List<object?> { "pricing", "demo" },
                ["visits"] = new List<object?>
                {
                    new Dictionary<string, object?> { ["entryPage"] = "https://shop.example.com/pricing", ["referrer"] = "google", ["keywords"] = "best crm" },
                },
            },
            new Dictionary<string, object?>
            {
                ["name"] = "=HYPERLINK(\"http://evil.example\",\"click\")",
                ["email"] = "mallory@example.com",
                ["company"] = "<script>alert(1)</script>",
                ["owner"] = null,
                ["lastSeen"] = new DateTimeOffset(2026, 11, 21, 7, 5, 0, TimeSpan.Zero),
                ["pageViews"] = 3,
                ["timeOnSite"] = 45,
                ["tags"] = new List<object?>(),
                ["visits"] = new List<object?>(),
            },
        },
    };
}
