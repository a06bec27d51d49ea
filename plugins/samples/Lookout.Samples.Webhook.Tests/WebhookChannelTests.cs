using System.Text;
using System.Text.Json;
using Lookout.Plugins;
using Lookout.Plugins.Testing;
using System.Net;
using Lookout.Plugins.Http;

namespace Lookout.Samples.Webhook.Tests;

public sealed class WebhookChannelTests(LoopbackHttpTarget target) : IClassFixture<LoopbackHttpTarget>
{
    private const string Secret = "webhook-test-secret-0123456789";

    [Theory]
    [InlineData("accept")]
    [InlineData("status/200")]
    public async Task Loopback_is_refused_when_private_networks_are_not_allowed(string path)
    {
        using var channel = Channel(allowPrivateNetworks: false);
        var before = target.Received.Count;

        var result = await channel.SendAsync(To(new Uri(target.BaseAddress, path).ToString()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.Contains("is not an allowed target", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, target.Received.Count);
    }

    [Theory]
    [InlineData("http://localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://192.168.0.10:8080/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd12:3456::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    public async Task Private_loopback_and_link_local_targets_are_refused(string url)
    {
        using var channel = Channel(allowPrivateNetworks: false);

        var result = await channel.SendAsync(To(url), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.Contains("is not an allowed target", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_checked_like_the_first_request()
    {
        // The target (127.0.0.1) stands for a public server here; the redirect goes to another address, 127.0.0.2.
        using var channel = new WebhookChannel(Options(allowPrivateNetworks: false), TimeProvider.System, OutboundHttp.CreateHandler(a => a.Equals(IPAddress.Loopback)));
        var elsewhere = new UriBuilder(target.UrlFor(TargetBehaviour.Accept)) { Host = "127.0.0.2" }.Uri;
        var toElsewhere = new Uri(target.BaseAddress, "redirect?to=" + Uri.EscapeDataString(elsewhere.ToString()));
        var toTarget = new Uri(target.BaseAddress, "redirect?to=" + Uri.EscapeDataString(target.UrlFor(TargetBehaviour.Accept).ToString()));

        var refused = await channel.SendAsync(To(toElsewhere.ToString()), CancellationToken.None);
        var followed = await channel.SendAsync(To(toTarget.ToString()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.PermanentFailure, refused.Outcome);
        Assert.Contains("127.0.0.2 resolves to 127.0.0.2, which is not an allowed target", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(DeliveryOutcome.Delivered, followed.Outcome);
    }

    [Fact]
    public async Task The_body_is_the_notification_as_json_signed_with_its_timestamp()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        using var channel = new WebhookChannel(Options(allowPrivateNetworks: true), clock);
        var notification = To(target.UrlFor(TargetBehaviour.Accept).ToString()) with
        {
            Attachments = [new NotificationAttachment("visits.csv", "text/csv", Encoding.UTF8.GetBytes("page,seconds\n/pricing,120\n"))],
            WorkspaceId = "w1",
        };

        Assert.True((await channel.SendAsync(notification, CancellationToken.None)).IsDelivered);

        var request = Assert.Single(target.Received, r => r.Headers.GetValueOrDefault(WebhookChannel.IdempotencyKeyHeader) == notification.Id);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(timestamp, request.Headers[WebhookSignature.TimestampHeader]);
        Assert.StartsWith($"t={timestamp},v1=", request.Headers[WebhookSignature.SignatureHeader], StringComparison.Ordinal);
        Assert.True(WebhookSignature.Verify(Secret, request.Headers[WebhookSignature.SignatureHeader], request.Body, clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("another-secret-0123456789", request.Headers[WebhookSignature.SignatureHeader], request.Body, clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, request.Headers[WebhookSignature.SignatureHeader], [.. request.Body, (byte)' '], clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, request.Headers[WebhookSignature.SignatureHeader], request.Body, clock.GetUtcNow().AddMinutes(10), TimeSpan.FromMinutes(5)));
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);

        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(notification.Id, root.GetProperty("id").GetString());
        Assert.Equal("w1", root.GetProperty("workspaceId").GetString());
        Assert.Equal(notification.HtmlBody, root.GetProperty("html").GetString());
        Assert.Equal(notification.Recipient.Address, root.GetProperty("recipient").GetProperty("address").GetString());
        var attachment = Assert.Single(root.GetProperty("attachments").EnumerateArray().ToList());
        Assert.Equal("visits.csv", attachment.GetProperty("fileName").GetString());
        Assert.Equal("page,seconds\n/pricing,120\n", Encoding.UTF8.GetString(attachment.GetProperty("content").GetBytesFromBase64()));
    }

    [Theory]
    [InlineData(200, DeliveryOutcome.Delivered)]
    [InlineData(202, DeliveryOutcome.Delivered)]
    [InlineData(204, DeliveryOutcome.Delivered)]
    [InlineData(408, DeliveryOutcome.TransientFailure)]
    [InlineData(429, DeliveryOutcome.TransientFailure)]
    [InlineData(500, DeliveryOutcome.TransientFailure)]
    [InlineData(502, DeliveryOutcome.TransientFailure)]
    [InlineData(503, DeliveryOutcome.TransientFailure)]
    [InlineData(400, DeliveryOutcome.PermanentFailure)]
    [InlineData(401, DeliveryOutcome.PermanentFailure)]
    [InlineData(404, DeliveryOutcome.PermanentFailure)]
    [InlineData(410, DeliveryOutcome.PermanentFailure)]
    [InlineData(422, DeliveryOutcome.PermanentFailure)]
    public async Task The_answer_status_decides_the_outcome(int status, DeliveryOutcome expected)
    {
        using var channel = Channel(allowPrivateNetworks: true);

        var result = await channel.SendAsync(To(target.UrlForStatus(status).ToString()), CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
    }

    [Fact]
    public async Task A_busy_target_s_retry_after_is_passed_on()
    {
        using var channel = Channel(allowPrivateNetworks: true);

        var result = await channel.SendAsync(To(target.UrlForStatus(429).ToString()), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
    }

    [Fact]
    public async Task A_target_slower_than_the_timeout_is_a_transient_failure()
    {
        using var channel = new WebhookChannel(new WebhookOptions { Secret = Secret, AllowPrivateNetworks = true, Timeout = TimeSpan.FromMilliseconds(300) }, TimeProvider.System);

        var result = await channel.SendAsync(To(target.UrlFor(TargetBehaviour.Hang).ToString()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.TransientFailure, result.Outcome);
        Assert.Contains("did not answer", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_address_goes_to_the_configured_url()
    {
        using var channel = new WebhookChannel(new WebhookOptions { Secret = Secret, AllowPrivateNetworks = true, Url = target.UrlFor(TargetBehaviour.Accept) }, TimeProvider.System);
        var notification = To("");

        Assert.True((await channel.SendAsync(notification, CancellationToken.None)).IsDelivered);
        Assert.Contains(target.Received, r => r.Headers.GetValueOrDefault(WebhookChannel.IdempotencyKeyHeader) == notification.Id);
    }

    private static WebhookOptions Options(bool allowPrivateNetworks) => new() { Secret = Secret, AllowPrivateNetworks = allowPrivateNetworks };

    private static WebhookChannel Channel(bool allowPrivateNetworks) => new(Options(allowPrivateNetworks), TimeProvider.System);

    private static Notification To(string address) =>
        new($"n-{Guid.NewGuid():N}", Recipient.At(address), "Ann is on /pricing", "Ann has been on /pricing for 2 minutes.", "<p>Ann has been on <b>/pricing</b>.</p>", []);
}

/// <summary>A clock that stays where it is set.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
