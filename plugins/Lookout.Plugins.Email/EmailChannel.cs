using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Net.Sockets;
using System.Text;
using Lookout.Plugins.Email.Pickup;
using Lookout.Plugins.Http;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using ContentType = System.Net.Mime.ContentType;
using SmtpClient = System.Net.Mail.SmtpClient;

namespace Lookout.Plugins.Email;

/// <summary>Whether the SMTP host may be on a private network: the host's configuration alone decides.</summary>
/// <param name="AllowPrivateNetworks">From <c>Plugins:email:AllowPrivateNetworks</c>; false by default.</param>
public sealed record EmailNetwork(bool AllowPrivateNetworks);

/// <summary>
/// The <c>email</c> channel: one message per recipient with a text part, an HTML part when there is one (as
/// multipart/alternative) and the attachments, sent by SMTP, or written to the pickup folder when no SMTP host is set.
/// </summary>
/// <remarks>
/// The SMTP host is refused when it resolves to a loopback, private, link-local or other non-public address, unless
/// <see cref="EmailNetwork.AllowPrivateNetworks"/>: a permanent failure, since retrying reaches the same address.
/// A bad recipient address and SMTP 5xx answers (unknown mailbox, refused sender, rejected content) are permanent
/// failures; 4xx answers, connection errors, timeouts and an unwritable pickup folder are transient.
/// </remarks>
public sealed class EmailChannel(IPluginSettings<EmailSettings> settings, MailPickupFolder pickup, EmailNetwork network) : IChannel
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
        var timeout = TimeSpan.FromSeconds(Math.Clamp(current.TimeoutSeconds, 1, EmailSettings.MaxTimeoutSeconds));
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        return string.IsNullOrWhiteSpace(current.Host)
            ? await WriteToPickupAsync(message, attempt.Token, cancellationToken).ConfigureAwait(false)
            : await SendBySmtpAsync(message, current, timeout, attempt.Token, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DeliveryResult> WriteToPickupAsync(MailMessage message, CancellationToken attempt, CancellationToken cancellationToken)
    {
        const string Target = "The pickup folder";
        using var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory };
        try
        {
            client.PickupDirectoryLocation = pickup.EnsureExists();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DeliveryResult.Transient($"The pickup folder could not be created: {e.Message}");
        }
        try
        {
            await client.SendMailAsync(message, attempt).ConfigureAwait(false);
            return DeliveryResult.Delivered;
        }
        catch (SmtpException e) when (!cancellationToken.IsCancellationRequested)
        {
            return SmtpOutcome.Of(e, Target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"{Target} could not be written to: {e.Message}");
        }
    }

    /// <summary>
    /// Connects through the SDK's outbound guard (every address of the host checked, the connection made to a checked
    /// one), then speaks SMTP over that connection with the host name kept for STARTTLS's certificate check.
    /// </summary>
    private async Task<DeliveryResult> SendBySmtpAsync(MailMessage message, EmailSettings current, TimeSpan timeout, CancellationToken attempt, CancellationToken cancellationToken)
    {
        var host = current.Host.Trim();
        var target = $"{host}:{current.Port}";
        // The attempt's own timeout ends it first, so that its reason says so.
        using var client = new MailKit.Net.Smtp.SmtpClient { Timeout = (int)(timeout + TimeSpan.FromSeconds(10)).TotalMilliseconds };
        try
        {
            using var socket = await OutboundConnection.ConnectAsync(host, current.Port, network.AllowPrivateNetworks, attempt).ConfigureAwait(false);
            await client.ConnectAsync(socket, host, current.Port, current.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, attempt).ConfigureAwait(false);
            if (current.UserName.Length > 0)
            {
                await client.AuthenticateAsync(new NetworkCredential(current.UserName, current.Password), attempt).ConfigureAwait(false);
            }
            await client.SendAsync(MimeMessage.CreateFromMailMessage(message), attempt).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, attempt).ConfigureAwait(false);
            return DeliveryResult.Delivered;
        }
        catch (OutboundTargetRefusedException e)
        {
            return DeliveryResult.Permanent($"{target} is refused: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"{target} did not answer within {timeout.TotalSeconds:0} seconds.");
        }
        catch (SmtpCommandException e) when (!cancellationToken.IsCancellationRequested)
        {
            return SmtpOutcome.Of(e, target);
        }
        catch (AuthenticationException e) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Permanent($"{target} refused the user name or password: {MailHeaders.Clean(e.Message, 300)}");
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or SslHandshakeException && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"{target} could not be reached: {MailHeaders.Clean(e.Message, 300)}");
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
