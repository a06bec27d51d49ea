namespace Lookout.Plugins;

/// <summary>
/// Turns a template and data into an attachment of one format (csv, html, txt, json...). A renderer is a singleton
/// the host creates once; it must be safe to call from several deliveries at once.
/// </summary>
/// <remarks>
/// Templates are written by admins and data comes partly from tracked visitors: a renderer runs no code from the
/// template, escapes what it outputs for its format, and bounds its output size and time. A template it cannot
/// render is reported with <see cref="AttachmentTemplateException"/>.
/// </remarks>
public interface IAttachmentRenderer
{
    /// <summary>The format's id, unique in a host: lower-case letters, digits and dashes (e.g. <c>csv</c>).</summary>
    string Format { get; }

    /// <summary>The media type of what it renders, e.g. <c>text/csv; charset=utf-8</c>.</summary>
    string ContentType { get; }

    /// <summary>The file name extension, without the dot (e.g. <c>csv</c>).</summary>
    string FileExtension { get; }

    /// <summary>Renders <paramref name="request"/>'s template with its data for its recipient.</summary>
    /// <param name="request">Template, data, file name and the recipient's preferences.</param>
    /// <param name="cancellationToken">Cancelled when the host gives up on rendering.</param>
    /// <returns>The attachment, named <see cref="AttachmentRenderRequest.FileName"/> with <see cref="FileExtension"/>.</returns>
    /// <exception cref="AttachmentTemplateException">The template is invalid or exceeds a bound (size, time).</exception>
    Task<NotificationAttachment> RenderAsync(AttachmentRenderRequest request, CancellationToken cancellationToken);
}
