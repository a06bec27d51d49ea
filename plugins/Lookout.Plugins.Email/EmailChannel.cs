using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Lookout.Plugins.Email.Pickup;

namespace Lookout.Plugins.Email;

/// <summary>
/// The <c>email</c> channel: one message per recipient with a text part, an HTML part when there is one (as
/// multipart/alternative) and the attachments, sent by SMTP, or written to the pickup folder when no SMTP host is set.
/// </summary>
/// <remarks>
/// A bad recipient address and SMTP 5xx answers (unknown mailbox, refused sender, rejected content) are permanent
/// failures; 4xx answers, connection errors, timeouts and an unwritable pickup folder are transient.
/// </remarks>
public sealed class EmailChannel(IPluginSettings<EmailSettings> settings, MailPickupFolder pickup) : IChannel
{
    /// <summary>The header naming the notification (the same across retries), for de-duplication by a receiving system.</summary>
    public const string NotificationIdHeader = "X-Lookout-Notification-Id";

    /// <summary>The header naming the workspace, so that the pickup folder shows each workspace its own mail only.</summary>
    public const string WorkspaceHeader = "X-Lookout-Workspace";

    public string Name => "email";

    public async Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        cancellationToken.ThrowIfCancellationRequested();
        var current = settings.ForWorkspace(notification.WorkspaceId); // each workspace its own server, or the installation's
        if (!MailAddresses.TryParse(notification.Recipient.Address, out var to, out var problem))
        {
            return DeliveryResult.Permanent(problem);
        }
        MailAddress from;
        try
        {
            from = current.From();
        }
        catch (FormatException)
        {
            return DeliveryResult.Permanent("The email plugin's from address is not valid; fix it on the Plugins page.");
        }

        using var message = Message(notification, from, new MailAddress(to.Address, MailHeaders.Clean(notification.Recipient.DisplayName, MailHeaders.MaxDisplayNameLength), Encoding.UTF8));
        using var client = new SmtpClient();
        var timeout = TimeSpan.FromSeconds(Math.Clamp(current.TimeoutSeconds, 1, EmailSettings.MaxTimeoutSeconds));
        string target;
        if (string.IsNullOrWhiteSpace(current.Host))
        {
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            try
            {
                client.PickupDirectoryLocation = pickup.EnsureExists();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return DeliveryResult.Transient($"The pickup folder could not be created: {e.Message}");
            }
            target = "The pickup folder";
        }
        else
        {
            client.Host = current.Host.Trim();
            client.Port = current.Port;
            client.EnableSsl = current.StartTls;
            client.UseDefaultCredentials = false;
            client.Credentials = current.UserName.Length > 0 ? new NetworkCredential(current.UserName, current.Password) : null;
            // The attempt's own timeout (below) ends it first, so that its reason says so.
            client.Timeout = (int)(timeout + TimeSpan.FromSeconds(10)).TotalMilliseconds;
            target = $"{client.Host}:{client.Port}";
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            await client.SendMailAsync(message, attempt.Token).ConfigureAwait(false);
            return DeliveryResult.Delivered;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"{target} did not answer within {timeout.TotalSeconds:0} seconds.");
        }
        catch (SmtpException e) when (!cancellationToken.IsCancellationRequested)
        {
            return SmtpOutcome.Of(e, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"{target} could not be written to: {e.Message}");
        }
    }

    private static MailMessage Message(Notification notification, MailAddress from, MailAddress to)
    {
        var message = new MailMessage
        {
            From = from,
            Subject = MailHeaders.Clean(notification.Subject, MailHeaders.MaxSubjectLength),
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = notification.TextBody,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.QuotedPrintable,
            IsBodyHtml = false,
        };
        message.To.Add(to);
        AddHeader(message, NotificationIdHeader, notification.Id);
        AddHeader(message, WorkspaceHeader, notification.WorkspaceId);
        if (!string.IsNullOrEmpty(notification.HtmlBody))
        {
            var html = AlternateView.CreateAlternateViewFromString(notification.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html);
            html.TransferEncoding = TransferEncoding.QuotedPrintable;
            message.AlternateViews.Add(html);
        }
        foreach (var file in notification.Attachments)
        {
            var name = MailHeaders.FileName(file.FileName);
            var attachment = new Attachment(new MemoryStream(file.Content.ToArray(), writable: false), ContentTypeOf(file.ContentType, name));
            attachment.ContentDisposition!.FileName = name;
            message.Attachments.Add(attachment);
        }
        return message;
    }

    private static void AddHeader(MailMessage message, string name, string? value)
    {
        var clean = MailHeaders.Clean(value, 200);
        if (clean.Length > 0)
        {
            message.Headers.Add(name, clean);
        }
    }

    /// <summary>The attachment's media type with its name; application/octet-stream when the renderer's is not one.</summary>
    private static ContentType ContentTypeOf(string mediaType, string name)
    {
        ContentType type;
        try
        {
            type = new ContentType(MailHeaders.Clean(mediaType, 200));
        }
        catch (FormatException)
        {
            type = new ContentType(MediaTypeNames.Application.Octet);
        }
        type.Name = name;
        return type;
    }
}
