using Lookout.Plugins.Email.Pickup;
using Lookout.Plugins.Email.Smtp;
using Lookout.Plugins.Email.Tests.Support;
using Lookout.Plugins.Testing;

namespace Lookout.Plugins.Email.Tests.Smtp;

/// <summary>The email channel keeps the channel contract, against a real SMTP server (aiosmtpd) on loopback.</summary>
public sealed class EmailChannelConformanceTests(SmtpServer server) : ChannelConformance, IClassFixture<SmtpServer>, IDisposable
{
    private readonly SmtpConnections _connections = new(new EmailNetwork(AllowPrivateNetworks: true), TimeProvider.System);

    protected override IEnumerable<string> BadAddresses =>
    [
        "",
        "   ",
        "not an address",
        "ann@",
        "@example.com",
        "ann@example.com, bob@example.com",
        "Ann <ann@example.com>",
        "ann@example.com\r\nBcc: eve@example.com",
        "ann example@example.com",
        "ann(comment)@example.com",
        "<ann@example.com>",
        "@route.example:ann@example.com",
        "ann",
    ];

    public void Dispose() => _connections.Dispose();

    protected override IChannel CreateChannel() =>
        new EmailChannel(new FixedSettings<EmailSettings>(new EmailSettings { Host = "127.0.0.1", Port = server.Port, StartTls = false, FromAddress = "alerts@lookout.example" }), new MailPickupFolder(server.Folder), _connections);

    protected override Task<Recipient> TargetAsync(TargetBehaviour behaviour) => Task.FromResult(Recipient.At(behaviour switch
    {
        TargetBehaviour.Accept => $"ann.{Guid.NewGuid():N}@acme.example",
        TargetBehaviour.FailTransiently => "transient@acme.example",
        TargetBehaviour.FailPermanently => "permanent@acme.example",
        TargetBehaviour.Hang => "hang@acme.example",
        _ => throw new ArgumentOutOfRangeException(nameof(behaviour)),
    }));

    protected override async Task AssertReceivedAsync(Notification sent)
    {
        var mail = await server.ReceivedAsync(EmailChannel.NotificationIdHeader, sent.Id);
        Assert.Equal(sent.Subject, mail.Header("Subject"));
        Assert.Equal([sent.Recipient.Address], mail.Parsed["rcptTos"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains(mail.Parts, p => p.ContentType == "text/plain" && p.Content!.Contains(sent.TextBody, StringComparison.Ordinal));
    }
}
