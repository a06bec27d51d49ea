using System.Net;
using System.Net.Sockets;
using System.Text;
using Lookout.Plugins.Email.Pickup;
using Lookout.Plugins.Email.Smtp;
using Lookout.Plugins.Email.Tests.Support;

namespace Lookout.Plugins.Email.Tests.Smtp;

public sealed class EmailChannelTests(SmtpServer server) : IClassFixture<SmtpServer>, IDisposable
{
    private readonly SmtpConnections _connections = new(new EmailNetwork(AllowPrivateNetworks: true), TimeProvider.System);

    public void Dispose() => _connections.Dispose();

    [Fact]
    public async Task A_message_has_a_text_part_and_an_html_part_as_alternatives_and_its_attachments()
    {
        var channel = Channel(new EmailSettings { Host = "127.0.0.1", Port = server.Port, StartTls = false, FromAddress = "alerts@lookout.example", FromDisplayName = "Lookout Alerts" });
        var notification = new Notification(
            $"n-{Guid.NewGuid():N}",
            new Recipient("ann@acme.example", "Ann Smith", "Europe/Paris", Lookout.Plugins.CsvPreference.Default),
            "Ann is on /pricing — again",
            "Ann has been on /pricing for 2 minutes.",
            "<p>Ann has been on <b>/pricing</b> for 2 minutes.</p>",
            [new NotificationAttachment("visits.csv", "text/csv; charset=utf-8", Encoding.UTF8.GetBytes("page,seconds\n/pricing,120\n"))])
        { WorkspaceId = "w1" };

        Assert.True((await channel.SendAsync(notification, CancellationToken.None)).IsDelivered);

        var mail = await server.ReceivedAsync(EmailChannel.NotificationIdHeader, notification.Id);
        Assert.Equal("Ann is on /pricing — again", mail.Header("Subject"));
        Assert.Equal("Lookout Alerts <alerts@lookout.example>", mail.Header("From"));
        Assert.Equal("Ann Smith <ann@acme.example>", mail.Header("To"));
        Assert.Equal("w1", mail.Header(EmailChannel.WorkspaceHeader));
        Assert.Equal("alerts@lookout.example", mail.Parsed["mailFrom"]!.GetValue<string>());
        var parts = mail.Parts;
        Assert.Equal(["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/csv"], parts.Select(p => p.ContentType));
        Assert.Equal("Ann has been on /pricing for 2 minutes.", parts[2].Content);
        Assert.Equal("<p>Ann has been on <b>/pricing</b> for 2 minutes.</p>", parts[3].Content);
        Assert.Equal(("visits.csv", "page,seconds\n/pricing,120\n"), (parts[4].FileName, parts[4].Content));
    }

    [Fact]
    public async Task CR_and_LF_in_the_subject_names_file_names_and_media_types_never_reach_the_server_as_headers_or_recipients()
    {
        var channel = Channel(new EmailSettings { Host = "127.0.0.1", Port = server.Port, StartTls = false, FromAddress = "alerts@lookout.example", FromDisplayName = "Lookout\r\nBcc: eve@evil.example" });
        var notification = new Notification(
            $"n-{Guid.NewGuid():N}",
            new Recipient("ann@acme.example", "Ann\r\nBcc: eve@evil.example", "Etc/UTC", Lookout.Plugins.CsvPreference.Default),
            "Hello\r\nBcc: eve@evil.example\r\n\r\nbody",
            "Text",
            null,
            [new NotificationAttachment("a\r\nBcc: eve@evil.example.csv", "text/csv\r\nBcc: eve@evil.example", "a,b\n"u8.ToArray())])
        { WorkspaceId = "w1\r\nBcc: eve@evil.example" };

        Assert.True((await channel.SendAsync(notification, CancellationToken.None)).IsDelivered);

        var mail = await server.ReceivedAsync(EmailChannel.NotificationIdHeader, notification.Id);
        Assert.Equal(["ann@acme.example"], mail.Parsed["rcptTos"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.DoesNotContain(mail.Parsed["headers"]!.AsObject(), h => h.Key.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Hello Bcc: eve@evil.example body", mail.Header("Subject"));
        Assert.Equal("w1 Bcc: eve@evil.example", mail.Header(EmailChannel.WorkspaceHeader));
        Assert.Equal("\"Ann Bcc: eve@evil.example\" <ann@acme.example>", mail.Header("To"));
        Assert.Equal("a Bcc_ eve@evil.example.csv", mail.Parts[^1].FileName);
    }

    [Theory]
    [InlineData("ann@xn--bcher-kva.example")]
    [InlineData("ann@bücher.example")]
    public async Task An_international_domain_written_either_way_reaches_the_same_mailbox(string address)
    {
        var channel = Channel(new EmailSettings { Host = "127.0.0.1", Port = server.Port, StartTls = false });
        var notification = new Notification($"n-{Guid.NewGuid():N}", Recipient.At(address), "IDN", "Hi", null, []);

        var result = await channel.SendAsync(notification, CancellationToken.None);

        Assert.True(result.IsDelivered, result.Reason);
        var mail = await server.ReceivedAsync(EmailChannel.NotificationIdHeader, notification.Id);
        // The test server offers SMTPUTF8, so MailKit names the domain in Unicode (to one without, it sends xn--).
        Assert.Equal(["ann@bücher.example"], mail.Parsed["rcptTos"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task A_message_without_html_is_text_only()
    {
        var channel = Channel(new EmailSettings { Host = "127.0.0.1", Port = server.Port, StartTls = false });
        var notification = new Notification($"n-{Guid.NewGuid():N}", Recipient.At("ann@acme.example"), "Plain", "Just text.", null, []);

        Assert.True((await channel.SendAsync(notification, CancellationToken.None)).IsDelivered);

        var mail = await server.ReceivedAsync(EmailChannel.NotificationIdHeader, notification.Id);
        Assert.Equal(["text/plain"], mail.Parts.Select(p => p.ContentType));
    }

    [Fact]
    public async Task A_server_that_refuses_connections_is_a_transient_failure()
    {
        var channel = Channel(new EmailSettings { Host = "127.0.0.1", Port = ClosedPort(), StartTls = false });

        var result = await channel.SendAsync(new Notification("n-1", Recipient.At("ann@acme.example"), "Hi", "Hi", null, []), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.TransientFailure, result.Outcome);
        Assert.Contains("could not be reached", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_slower_than_the_timeout_is_a_transient_failure()
    {
        var channel = Channel(new EmailSettings { Host = "127.0.0.1", Port = server.Port, StartTls = false, TimeoutSeconds = 1 });

        var result = await channel.SendAsync(new Notification("n-2", Recipient.At("hang@acme.example"), "Hi", "Hi", null, []), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.TransientFailure, result.Outcome);
        Assert.Contains("did not answer within 1 seconds", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("transient@acme.example", DeliveryOutcome.TransientFailure, "(451)")]
    [InlineData("permanent@acme.example", DeliveryOutcome.PermanentFailure, "(550)")]
    public async Task The_server_s_answer_class_decides_the_outcome_and_its_reply_is_the_reason(string address, DeliveryOutcome expected, string code)
    {
        var channel = Channel(new EmailSettings { Host = "127.0.0.1", Port = server.Port, StartTls = false });

        var result = await channel.SendAsync(new Notification("n-3", Recipient.At(address), "Hi", "Hi", null, []), CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.Contains($"127.0.0.1:{server.Port}", result.Reason, StringComparison.Ordinal);
        Assert.Contains(code, result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task An_smtp_host_that_resolves_to_a_private_address_is_a_permanent_failure_and_is_never_contacted(string host)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var guarded = new SmtpConnections(new EmailNetwork(AllowPrivateNetworks: false), TimeProvider.System);
        var channel = new EmailChannel(
            new FixedSettings<EmailSettings>(new EmailSettings { Host = host, Port = port, StartTls = false }),
            new MailPickupFolder(server.Folder),
            guarded);
        var notification = new Notification($"n-{Guid.NewGuid():N}", Recipient.At("ann@acme.example"), "Hi", "Hi", null, []);

        var result = await channel.SendAsync(notification, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.Contains($"{host}:{port} is refused", result.Reason, StringComparison.Ordinal);
        Assert.Contains("not an allowed target", result.Reason, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }

    private EmailChannel Channel(EmailSettings settings) => new(new FixedSettings<EmailSettings>(settings), new MailPickupFolder(server.Folder), _connections);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
