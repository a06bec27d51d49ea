using MimeKit;
using MimeKit.Utils;

namespace Lookout.Plugins.Email.Messages;

/// <summary>
/// A notification as a MIME message: the text part, with the HTML part as its alternative when there is one, then the
/// attachments, each base64 so that its bytes arrive exactly as rendered (a CSV's bare LF included). MimeKit writes
/// non-ASCII subjects and names as encoded words and file names per RFC 2231.
/// </summary>
internal static class NotificationMessage
{
    /// <summary>The header naming the notification (the same across retries), for de-duplication by a receiving system.</summary>
    public const string NotificationIdHeader = "X-Lookout-Notification-Id";

    /// <summary>The header naming the workspace, so that the pickup folder shows each workspace its own mail only.</summary>
    public const string WorkspaceHeader = "X-Lookout-Workspace";

    private const string OctetStream = "application/octet-stream";

    public static MimeMessage Build(Notification notification, MailboxAddress from, MailboxAddress to)
    {
        var message = new MimeMessage
        {
            Subject = MailHeaders.Clean(notification.Subject, MailHeaders.MaxSubjectLength),
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
        };
        message.From.Add(from);
        message.To.Add(to);
        AddHeader(message, NotificationIdHeader, notification.Id);
        AddHeader(message, WorkspaceHeader, notification.WorkspaceId);

        var body = new BodyBuilder
        {
            TextBody = notification.TextBody,
            HtmlBody = string.IsNullOrEmpty(notification.HtmlBody) ? null : notification.HtmlBody,
        };
        foreach (var file in notification.Attachments)
        {
            var part = (MimePart)body.Attachments.Add(MailHeaders.FileName(file.FileName), file.Content.ToArray(), ContentTypeOf(file.ContentType));
            part.ContentTransferEncoding = ContentEncoding.Base64;
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    private static void AddHeader(MimeMessage message, string name, string? value)
    {
        var clean = MailHeaders.Clean(value, 200);
        if (clean.Length > 0)
        {
            message.Headers.Add(name, clean);
        }
    }

    /// <summary>
    /// The renderer's media type with its parameters; application/octet-stream when it is not one, or when it names a
    /// container (multipart, message) that a single attachment's bytes are not.
    /// </summary>
    private static ContentType ContentTypeOf(string mediaType) =>
        ContentType.TryParse(MailHeaders.Clean(mediaType, 200), out var type) && type.MediaType.Length > 0 && type.MediaSubtype.Length > 0
            && !type.IsMimeType("multipart", "*") && !type.IsMimeType("message", "*")
            ? type
            : ContentType.Parse(OctetStream);
}
