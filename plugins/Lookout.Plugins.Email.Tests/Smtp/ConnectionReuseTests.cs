using Lookout.Plugins.Email.Pickup;
using Lookout.Plugins.Email.Smtp;
using Lookout.Plugins.Email.Tests.Support;

namespace Lookout.Plugins.Email.Tests.Smtp;

/// <summary>
/// One connect, STARTTLS handshake and AUTH serve many messages. The server tells connections apart by the client's
/// port (<see cref="ReceivedMail.Peer"/>).
/// </summary>
public sealed class ConnectionReuseTests : IClassFixture<SecureSmtpServer>, IDisposable
{
    private readonly SecureSmtpServer _server;
    private readonly ManualClock _clock = new();
    private readonly SmtpConnections _connections;
    private readonly EmailChannel _channel;

    public ConnectionReuseTests(SecureSmtpServer server)
    {
        _server = server;
        _connections = new SmtpConnections(new EmailNetwork(AllowPrivateNetworks: true) { TrustedCertificates = EmailNetwork.Fingerprints(server.Fingerprint) }, _clock);
        var settings = new EmailSettings
        {
            Host = "127.0.0.1",
            Port = server.Port,
            UserName = SecureSmtpServer.UserName,
            Password = SecureSmtpServer.Password,
            FromAddress = "alerts@lookout.example",
            TimeoutSeconds = 10,
        };
        _channel = new EmailChannel(new FixedSettings<EmailSettings>(settings), new MailPickupFolder(Path.Combine(Path.GetTempPath(), "lookout-unused-pickup")), _connections);
    }

    public void Dispose() => _connections.Dispose();

    [Fact]
    public async Task Messages_sent_one_after_another_share_one_authenticated_connection()
    {
        var sent = new List<Notification>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add(await SendAsync($"ann.{i}@acme.example"));
        }

        var received = await Task.WhenAll(sent.Select(n => _server.ReceivedAsync(EmailChannel.NotificationIdHeader, n.Id)));
        Assert.Single(received.Select(m => m.Peer).Distinct());
        Assert.All(received, m => Assert.True(m.Tls && m.AuthenticatedAs == SecureSmtpServer.UserName));
    }

    [Fact]
    public async Task A_connection_the_server_dropped_is_replaced_and_the_next_message_still_goes()
    {
        var first = await SendAsync("drop@acme.example");
        await Task.Delay(TimeSpan.FromSeconds(1)); // the server closes the connection 0.2 s after accepting

        var second = await SendAsync("ann@acme.example");

        var (a, b) = (await _server.ReceivedAsync(EmailChannel.NotificationIdHeader, first.Id), await _server.ReceivedAsync(EmailChannel.NotificationIdHeader, second.Id));
        Assert.NotEqual(a.Peer, b.Peer);
    }

    [Fact]
    public async Task A_connection_idle_for_longer_than_the_idle_time_is_closed_rather_than_reused()
    {
        var first = await SendAsync("ann@acme.example");
        _clock.Advance(SmtpConnections.IdleTime - TimeSpan.FromSeconds(1));
        var second = await SendAsync("ann@acme.example");
        _clock.Advance(SmtpConnections.IdleTime);
        var third = await SendAsync("ann@acme.example");

        var peers = new List<string>();
        foreach (var n in new[] { first, second, third })
        {
            peers.Add((await _server.ReceivedAsync(EmailChannel.NotificationIdHeader, n.Id)).Peer);
        }
        Assert.Equal(peers[0], peers[1]);
        Assert.NotEqual(peers[1], peers[2]);
    }

    [Fact]
    public async Task A_refused_recipient_closes_its_connection_and_the_next_message_opens_a_new_one()
    {
        var before = await SendAsync("ann@acme.example");
        var refused = await _channel.SendAsync(Notification("permanent@acme.example"), CancellationToken.None);
        var after = await SendAsync("bob@acme.example");

        Assert.Equal(DeliveryOutcome.PermanentFailure, refused.Outcome);
        var (a, b) = (await _server.ReceivedAsync(EmailChannel.NotificationIdHeader, before.Id), await _server.ReceivedAsync(EmailChannel.NotificationIdHeader, after.Id));
        Assert.NotEqual(a.Peer, b.Peer);
    }

    [Fact]
    public async Task Kept_connections_say_quit_when_the_host_stops()
    {
        var sent = await SendAsync("ann@acme.example");
        var peer = (await _server.ReceivedAsync(EmailChannel.NotificationIdHeader, sent.Id)).Peer;
        Assert.DoesNotContain(peer, _server.Server.Quits());

        await _connections.DisposeAsync();

        Assert.Contains(peer, _server.Server.Quits());
    }

    private async Task<Notification> SendAsync(string address)
    {
        var notification = Notification(address);
        var result = await _channel.SendAsync(notification, CancellationToken.None);
        Assert.True(result.IsDelivered, result.Reason);
        return notification;
    }

    private static Notification Notification(string address) => new($"n-{Guid.NewGuid():N}", Recipient.At(address), "Batch", "One of a batch.", null, []);
}
