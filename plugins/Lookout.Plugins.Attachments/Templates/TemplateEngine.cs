using Lookout.Plugins.Attachments.Formats;

namespace Lookout.Plugins.Attachments.Templates;

/// <summary>
/// Renders an attachment template in a format with the host's Liquid engine: the format says how values are written
/// and adds its filters, the engine sandboxes and bounds the render. Every way a template can fail ends as an
/// <see cref="AttachmentTemplateException"/>, with a line and column when it has one.
/// </summary>
internal sealed class TemplateEngine(ILiquidTemplates liquid, TemplateLimits limits)
{
    public TemplateLimits Limits => limits;

    public byte[] Render(TemplatedRenderer format, AttachmentRenderRequest request, CancellationToken cancellationToken)
    {
        var zone = TimeZone(request.Recipient);
        using var session = format.Start(request.Recipient);
        string text;
        try
        {
            text = liquid.Render(
                new LiquidRender(request.Template, request.Data, zone, limits)
                {
                    Encoder = session.Encoder,
                    DefaultDateFormat = format.DefaultDateFormat(request.Recipient),
                    Filters = session.Filters,
                    JsonIsRaw = session.WritesJson,
                },
                cancellationToken);
        }
        catch (LiquidTemplateException e)
        {
            throw e.Line is { } line && e.Column is { } column
                ? new AttachmentTemplateException(e.Message, line, column)
                : new AttachmentTemplateException(e.Message, e);
        }
        return session.Finish(text);
    }

    private static TimeZoneInfo TimeZone(Recipient recipient) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(recipient.TimeZone, out var zone)
            ? zone
            : throw new ArgumentException($"The recipient's time zone '{recipient.TimeZone}' is not an IANA time zone such as Europe/Berlin.", nameof(recipient));
}
