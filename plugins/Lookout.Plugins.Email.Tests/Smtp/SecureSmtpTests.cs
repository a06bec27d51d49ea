using System.Security.Cryptography;
using System.Text;
using Lookout.Plugins.Email.Pickup;
using Lookout.Plugins.Email.Smtp;
using Lookout.Plugins.Email.Tests.Support;

namespace Lookout.Plugins.Email.Tests.Smtp;

/// <summary>A submission server as it should be (STARTTLS and AUTH both required), with a certificate the system does not trust.</summary>
public sealed class SecureSmtpTests(SecureSmtpServer server) : IClassFixture<SecureSmtpServer>, IDisposable
{
    private readonly List<SmtpConnections> _connections = [];
    private readonly string _pickup = Path.Combine(Path.GetTempPath(), $"lookout-pickup-{Guid.NewGuid():N}");

    public void Dispose() => _connections.ForEach(c => c.Dispose());

    [Fact]
    public async Task Over_starttls_with_auth_a_message_and_its_binary_attachment_arrive_intact()
    {
        var pdf = RandomNumberGenerator.GetBytes(200_000);
        var notification = new Notification(
            $"n-{Guid.NewGuid():N}",
            new Recipient("ann@acme.example", "Zoë Ærøskøbing", "Europe/Copenhagen", CsvPreference.Default),
            "Zoë is on /prices — 3rd visit",
            "Zoë has been on /prices for 2 minutes.",
            "<p>Zoë has been on <b>/prices</b> for 2 minutes.</p>",
            [new NotificationAttachment("Besøg März — 2026.pdf", "application/pdf", pdf)])
        { WorkspaceId = "w1" };

        var result = await Channel(Trusting(server.Fingerprint)).SendAsync(notification, CancellationToken.None);

        Assert.True(result.IsDelivered, result.Reason);
        var mail = await server.ReceivedAsync(EmailChannel.NotificationIdHeader, notification.Id);
        Assert.True(mail.Tls);
        Assert.Equal(SecureSmtpServer.UserName, mail.AuthenticatedAs);
        // Non-ASCII words travel as encoded words and read back as written.
        Assert.Contains("Subject: =?utf-8?", mail.Raw, StringComparison.Ordinal);
        Assert.Equal("Zoë is on /prices — 3rd visit", mail.Header("Subject"));
        Assert.Equal("Zoë Ærøskøbing <ann@acme.example>", mail.Header("To"));
        var parts = mail.Parts;
        Assert.Equal(["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "application/pdf"], parts.Select(p => p.ContentType));
        Assert.Equal("Besøg März — 2026.pdf", parts[4].FileName);
        Assert.Equal(pdf, mail.BytesOf(4));
    }

    [Fact]
    public async Task A_certificate_neither_trusted_by_the_system_nor_pinned_is_refused_before_the_password_is_sent()
    {
        var notification = new Notification($"n-{Guid.NewGuid():N}", Recipient.At("ann@acme.example"), "Hi", "Hi", null, []);

        var result = await Channel(Trusting(Convert.ToHexString(SHA256.HashData("another certificate"u8)))).SendAsync(notification, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.TransientFailure, result.Outcome);
        Assert.Contains("could not be reached", result.Reason, StringComparison.Ordinal);
        Assert.Contains("certificate", result.Reason, StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAsync<TimeoutException>(() => server.ReceivedAsync(EmailChannel.NotificationIdHeader, notification.Id, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_wrong_password_is_a_permanent_failure()
    {
        var result = await Channel(Trusting(server.Fingerprint), password: "wrong").SendAsync(
            new Notification($"n-{Guid.NewGuid():N}", Recipient.At("ann@acme.example"), "Hi", "Hi", null, []), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.Contains("refused the user name or password", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_starttls_the_password_is_never_sent_in_the_clear_and_the_failure_is_permanent()
    {
        var result = await Channel(Trusting(server.Fingerprint), startTls: false).SendAsync(
            new Notification($"n-{Guid.NewGuid():N}", Recipient.At("ann@acme.example"), "Hi", "Hi", null, []), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.Contains("cannot be used with these settings", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_on_connect_to_a_server_that_expects_starttls_fails_without_sending()
    {
        var result = await Channel(Trusting(server.Fingerprint), sslOnConnect: true).SendAsync(
            new Notification($"n-{Guid.NewGuid():N}", Recipient.At("ann@acme.example"), "Hi", "Hi", null, []) { }, CancellationToken.None);

        Assert.False(result.IsDelivered);
        Assert.Contains($"127.0.0.1:{server.Port}", result.Reason, StringComparison.Ordinal);
    }

    private static EmailNetwork Trusting(string fingerprint) => new(AllowPrivateNetworks: true) { TrustedCertificates = EmailNetwork.Fingerprints(fingerprint) };

    private EmailChannel Channel(EmailNetwork network, string password = SecureSmtpServer.Password, bool startTls = true, bool sslOnConnect = false)
    {
        var connections = new SmtpConnections(network, TimeProvider.System);
        _connections.Add(connections);
        var settings = new EmailSettings
        {
            Host = "127.0.0.1",
            Port = server.Port,
            StartTls = startTls,
            SslOnConnect = sslOnConnect,
            UserName = SecureSmtpServer.UserName,
            Password = password,
            FromAddress = "alerts@lookout.example",
            TimeoutSeconds = 10,
        };
        return new EmailChannel(new FixedSettings<EmailSettings>(settings), new MailPickupFolder(_pickup), connections);
    }
}
