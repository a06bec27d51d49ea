using System.Text.Json;
using Lookout.Plugins;
using Lookout.Plugins.Testing;

namespace Lookout.Samples.Webhook.Tests;

/// <summary>The webhook channel keeps the channel contract, against a real HTTP server on loopback.</summary>
public sealed class WebhookChannelConformanceTests(LoopbackHttpTarget target) : ChannelConformance, IClassFixture<LoopbackHttpTarget>
{
    private const string Secret = "conformance-secret-0123456789";

    protected override IEnumerable<string> BadAddresses =>
        ["", "not a url", "/relative/hook", "ftp://example.com/hook", "mailto:ann@example.com", "https://user:password@example.com/hook", "http:///no-host"];

    protected override IChannel CreateChannel() =>
        new WebhookChannel(new WebhookOptions { Secret = Secret, AllowPrivateNetworks = true }, TimeProvider.System);

    protected override Task<Recipient> TargetAsync(TargetBehaviour behaviour) => Task.FromResult(Recipient.At(target.UrlFor(behaviour).ToString()));

    protected override Task AssertReceivedAsync(Notification sent)
    {
        var request = Assert.Single(target.Received, r => r.Headers.GetValueOrDefault(WebhookChannel.IdempotencyKeyHeader) == sent.Id);
        Assert.True(WebhookSignature.Verify(Secret, request.Headers[WebhookSignature.SignatureHeader], request.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)));
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(sent.Subject, json.RootElement.GetProperty("subject").GetString());
        Assert.Equal(sent.TextBody, json.RootElement.GetProperty("text").GetString());
        return Task.CompletedTask;
    }
}
