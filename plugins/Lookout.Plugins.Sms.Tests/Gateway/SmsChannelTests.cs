using System.Net;
using System.Text;
using System.Text.Json;
using System.Web;
using Lookout.Plugins.Sms.Tests.Support;
using Lookout.Plugins.Testing;

namespace Lookout.Plugins.Sms.Tests.Gateway;

public sealed class SmsChannelTests(LoopbackHttpTarget target) : IClassFixture<LoopbackHttpTarget>
{
    [Fact]
    public async Task Twilio_mode_posts_To_From_Body_as_a_form_to_the_account_s_Messages_resource_with_basic_auth()
    {
        using var channel = Channel(TestSettings.Twilio(target.UrlFor(TargetBehaviour.Accept)));
        var notification = To("+14155550123", "Ann Smith is on /pricing & more");

        Assert.True((await channel.SendAsync(notification, CancellationToken.None)).IsDelivered);

        var request = Assert.Single(target.Received, r => r.Headers.GetValueOrDefault("I-Twilio-Idempotency-Token") == notification.Id);
        Assert.Equal(("POST", "/accept/2010-04-01/Accounts/AC0123456789abcdef/Messages.json"), (request.Method, request.Path));
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("Basic " + Convert.ToBase64String("AC0123456789abcdef:token-0123456789"u8), request.Headers["Authorization"]);
        var form = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(request.Body));
        Assert.Equal(("+14155550123", "+14155550100", "Ann Smith is on /pricing & more"), (form["To"], form["From"], form["Body"]));
    }

    [Fact]
    public async Task Generic_json_mode_encodes_each_placeholder_as_a_json_string()
    {
        var hostile = "Ann \"the boss\" said:\n{{to}} \\ </script> é 🚀";
        using var channel = Channel(TestSettings.Generic(target.UrlFor(TargetBehaviour.Accept), template: """{"to": "{{to}}", "from": "{{ from }}", "text": "{{body}}", "ref": "{{id}}"}"""));
        var notification = To("+14155550123", hostile);

        Assert.True((await channel.SendAsync(notification, CancellationToken.None)).IsDelivered);

        var request = Assert.Single(target.Received, r => r.Body.Length > 0 && Encoding.UTF8.GetString(r.Body).Contains(notification.Id, StringComparison.Ordinal));
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(hostile, json.RootElement.GetProperty("text").GetString());
        Assert.Equal(("+14155550123", "Lookout"), (json.RootElement.GetProperty("to").GetString(), json.RootElement.GetProperty("from").GetString()));
    }

    [Fact]
    public async Task Generic_form_mode_url_encodes_each_placeholder_and_sends_the_configured_headers_and_method()
    {
        var settings = TestSettings.Generic(target.UrlFor(TargetBehaviour.Accept), SmsBodyFormat.Form, "number={{to}}&message={{body}}&ref={{id}}");
        settings.Method = SmsMethod.Put;
        settings.Headers["X-Api-Key"] = "key-123";
        using var channel = Channel(settings);
        var notification = To("+14155550123", "a&b=c + d\n100%");

        Assert.True((await channel.SendAsync(notification, CancellationToken.None)).IsDelivered);

        var request = Assert.Single(target.Received, r => r.Headers.GetValueOrDefault("X-Api-Key") == "key-123" && Encoding.UTF8.GetString(r.Body).Contains(notification.Id, StringComparison.Ordinal));
        Assert.Equal("PUT", request.Method);
        var form = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(request.Body));
        Assert.Equal(("+14155550123", "a&b=c + d\n100%"), (form["number"], form["message"]));
    }

    [Theory]
    [InlineData(200, DeliveryOutcome.Delivered)]
    [InlineData(201, DeliveryOutcome.Delivered)]
    [InlineData(408, DeliveryOutcome.TransientFailure)]
    [InlineData(429, DeliveryOutcome.TransientFailure)]
    [InlineData(500, DeliveryOutcome.TransientFailure)]
    [InlineData(503, DeliveryOutcome.TransientFailure)]
    [InlineData(400, DeliveryOutcome.PermanentFailure)]
    [InlineData(401, DeliveryOutcome.PermanentFailure)]
    [InlineData(404, DeliveryOutcome.PermanentFailure)]
    [InlineData(302, DeliveryOutcome.PermanentFailure)]
    public async Task The_gateway_s_status_decides_the_outcome(int status, DeliveryOutcome expected)
    {
        using var channel = Channel(TestSettings.Twilio(target.UrlForStatus(status)));

        var result = await channel.SendAsync(To("+14155550123", "Hi"), CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        if (expected != DeliveryOutcome.Delivered)
        {
            Assert.StartsWith($"The gateway 127.0.0.1 answered HTTP {status}", result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_busy_gateway_s_retry_after_is_passed_on()
    {
        using var channel = Channel(TestSettings.Twilio(target.UrlForStatus(429)));

        var result = await channel.SendAsync(To("+14155550123", "Hi"), CancellationToken.None);

        Assert.Equal((DeliveryOutcome.TransientFailure, TimeSpan.FromSeconds(7)), (result.Outcome, result.RetryAfter));
    }

    [Fact]
    public async Task A_gateway_slower_than_the_timeout_is_a_transient_failure()
    {
        var settings = TestSettings.Twilio(target.UrlFor(TargetBehaviour.Hang));
        settings.TimeoutSeconds = 1;
        using var channel = Channel(settings);

        var result = await channel.SendAsync(To("+14155550123", "Hi"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.TransientFailure, result.Outcome);
        Assert.Contains("did not answer within 1 seconds", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+33 6 12 34 56 78")]
    [InlineData("0612345678")]
    [InlineData("+999123456789")]
    [InlineData("+3361")]
    [InlineData("+0612345678")]
    public async Task A_recipient_that_is_not_a_possible_number_in_E164_is_refused_without_reaching_the_gateway(string to)
    {
        using var channel = Channel(TestSettings.Twilio(target.UrlFor(TargetBehaviour.Accept)));
        var before = target.Received.Count;

        var result = await channel.SendAsync(To(to, "Hi"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.Contains("is not a mobile number in E.164 form", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, target.Received.Count);
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("status/200")]
    public async Task A_loopback_gateway_is_refused_unless_the_host_allows_private_networks(string path)
    {
        using var channel = new SmsChannel(new TestSettings(TestSettings.Twilio(new Uri(target.BaseAddress, path))), new SmsNetwork(AllowPrivateNetworks: false), TimeProvider.System);
        var before = target.Received.Count;

        var result = await channel.SendAsync(To("+14155550123", "Hi"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.Contains("is not an allowed target", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, target.Received.Count);
    }

    [Theory]
    [InlineData("http://10.0.0.7/sms")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/sms")]
    public async Task Private_and_link_local_gateways_are_refused(string url)
    {
        using var channel = new SmsChannel(new TestSettings(TestSettings.Generic(new Uri(url))), new SmsNetwork(AllowPrivateNetworks: false), TimeProvider.System);

        var result = await channel.SendAsync(To("+14155550123", "Hi"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.Contains("is not an allowed target", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unconfigured_plugin_is_a_permanent_failure_that_says_what_is_missing()
    {
        using var channel = Channel(new SmsSettings());

        var result = await channel.SendAsync(To("+14155550123", "Hi"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.StartsWith("The SMS plugin is not configured: AccountSid", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_over_the_segment_cap_is_cut_to_fit_with_an_ellipsis()
    {
        var settings = TestSettings.Generic(target.UrlFor(TargetBehaviour.Accept), template: """{"text": "{{body}}", "ref": "{{id}}"}""");
        settings.MaxSegments = 2;
        using var channel = Channel(settings);
        var notification = To("+14155550123", string.Concat(Enumerable.Repeat("Ann is on /pricing. ", 40)));

        Assert.True((await channel.SendAsync(notification, CancellationToken.None)).IsDelivered);

        var request = Assert.Single(target.Received, r => Encoding.UTF8.GetString(r.Body).Contains(notification.Id, StringComparison.Ordinal));
        var text = JsonDocument.Parse(request.Body).RootElement.GetProperty("text").GetString()!;
        Assert.EndsWith("...", text, StringComparison.Ordinal);
        Assert.Equal(new SmsLength(SmsEncoding.Gsm7, 306, 2), SmsLength.Of(text));
    }

    private static SmsChannel Channel(SmsSettings settings) => new(new TestSettings(settings), new SmsNetwork(AllowPrivateNetworks: true), TimeProvider.System);

    private static Notification To(string number, string text) => new($"n-{Guid.NewGuid():N}", Recipient.At(number), "Subject", text, null, []);
}
