using System.Net.Sockets;
using Lookout.Plugins.Email.Messages;
using Lookout.Plugins.Email.Pickup;
using Lookout.Plugins.Email.Smtp;
using Lookout.Plugins.Http;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Lookout.Plugins.Email;

/// <summary>
/// The <c>email</c> channel: one message per recipient with a text part, an HTML part when there is one (as
/// multipart/alternative) and the attachments, sent by SMTP over a kept connection, or written to the pickup folder
/// when no SMTP host is set.
/// </summary>
/// <remarks>
/// The SMTP host is refused when it resolves to a loopback, private, link-local or other non-public address, unless
/// <see cref="EmailNetwork.AllowPrivateNetworks"/>: a permanent failure, since retrying reaches the same address.
/// A bad recipient address, SMTP 5xx answers (unknown mailbox, refused sender, rejected content), refused credentials
/// and a server without the TLS or AUTH the settings ask for are permanent failures; 4xx answers, connection and TLS
/// errors, timeouts and an unwritable pickup folder are transient.
/// </remarks>
public sealed class EmailChannel(IPluginSettings<EmailSettings> settings, MailPickupFolder pickup, SmtpConnections connections) : IChannel
{
    /// <summary>The header naming the notification (the same across retries), for de-duplication by a receiving system.</summary>
    public const string NotificationIdHeader = NotificationMessage.NotificationIdHeader;

    /// <summary>The header naming the workspace, so that the pickup folder shows each workspace its own mail only.</summary>
    public const string WorkspaceHeader = NotificationMessage.WorkspaceHeader;

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
        if (current.From() is not { } from)
        {
            return DeliveryResult.Permanent("The email plugin's from address is not valid; fix it on the Plugins page.");
        }
        to.Name = MailHeaders.Clean(notification.Recipient.DisplayName, MailHeaders.MaxDisplayNameLength);

        var message = NotificationMessage.Build(notification, from, to);
        var timeout = TimeSpan.FromSeconds(Math.Clamp(current.TimeoutSeconds, 1, EmailSettings.MaxTimeoutSeconds));
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        return string.IsNullOrWhiteSpace(current.Host)
            ? await WriteToPickupAsync(message, attempt.Token, cancellationToken)
            : await SendBySmtpAsync(message, SmtpEndpoint.Of(current), timeout, attempt.Token, cancellationToken);
    }

    private async Task<DeliveryResult> WriteToPickupAsync(MimeMessage message, CancellationToken attempt, CancellationToken cancellationToken)
    {
        try
        {
            await pickup.WriteAsync(message, attempt);
            return DeliveryResult.Delivered;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"The pickup folder could not be written to: {MailHeaders.Clean(e.Message, 300)}");
        }
    }

    private async Task<DeliveryResult> SendBySmtpAsync(MimeMessage message, SmtpEndpoint endpoint, TimeSpan timeout, CancellationToken attempt, CancellationToken cancellationToken)
    {
        try
        {
            // The attempt's own timeout ends it first, so that its reason says so.
            await connections.SendAsync(endpoint, message, timeout + TimeSpan.FromSeconds(10), attempt);
            return DeliveryResult.Delivered;
        }
        catch (OutboundTargetRefusedException e)
        {
            return DeliveryResult.Permanent($"{endpoint} is refused: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"{endpoint} did not answer within {timeout.TotalSeconds:0} seconds.");
        }
        catch (SmtpCommandException e) when (!cancellationToken.IsCancellationRequested)
        {
            return SmtpOutcome.Of(e, endpoint.ToString());
        }
        catch (AuthenticationException e) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Permanent($"{endpoint} refused the user name or password: {MailHeaders.Clean(e.Message, 300)}");
        }
        catch (NotSupportedException e) when (!cancellationToken.IsCancellationRequested)
        {
            // MailKit's words for a server without STARTTLS or AUTH while the settings ask for them: never sent in the clear instead.
            return DeliveryResult.Permanent($"{endpoint} cannot be used with these settings: {MailHeaders.Clean(e.Message, 300)}");
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or SslHandshakeException && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"{endpoint} could not be reached: {MailHeaders.Clean(e.Message, 300)}");
        }
    }
}
