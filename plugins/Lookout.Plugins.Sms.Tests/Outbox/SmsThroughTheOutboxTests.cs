using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using Lookout.Contacts.Contracts;
using Lookout.Host.Testing;
using Lookout.Outbox.Contracts;
using Lookout.Plugins.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Plugins.Sms.Tests.Outbox;

/// <summary>
/// The real host with the SMS plugin pointed at a loopback gateway (allowed by the host's configuration): the outbox
/// retries what the channel calls transient (a 500) and stops at what it calls permanent (a 400), and the delivery
/// log shows each attempt.
/// </summary>
public sealed class SmsThroughTheOutboxTests(LoopbackHttpTarget gateway) : IClassFixture<LoopbackHttpTarget>, IAsyncLifetime
{
    private const string AccountSid = "AC0123456789abcdef";
    private const string AuthToken = "token-0123456789";

    private LookoutApp _app = null!;
    private ApiClient _admin = null!;

    public async Task InitializeAsync()
    {
        _app = await LookoutApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Plugins:sms:AllowPrivateNetworks"] = "true",
            ["Plugins:sms:BaseUrl"] = gateway.UrlForStatus(500).ToString(),
            ["Plugins:sms:AccountSid"] = AccountSid,
            ["Plugins:sms:AuthToken"] = AuthToken,
            ["Plugins:sms:From"] = "+14155550100",
            ["Outbox:MaxAttempts"] = "3",
            ["Outbox:FirstRetryDelay"] = "00:00:00.100",
            ["Outbox:MaxRetryDelay"] = "00:00:00.300",
            ["Outbox:PollInterval"] = "00:00:00.100",
        });
        _admin = await _app.AdminOfNewWorkspaceAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_500_from_the_gateway_is_retried_and_a_400_is_not()
    {
        await EnqueueAsync("alert-500", "+14155550123", "Ann is on /pricing");
        var failedAgain = await DeadDeliveryAsync("alert-500");

        // An installation owner points the plugin at a gateway that refuses: the next message uses it at once.
        using (var saved = await _admin.PutAsync("/api/plugins/sms/settings/installation", new { baseUrl = gateway.UrlForStatus(400).ToString() }))
        {
            await ApiClient.ReadAsync(saved, HttpStatusCode.OK);
        }
        await EnqueueAsync("alert-400", "+14155550124", "Bob is on /pricing");
        var refused = await DeadDeliveryAsync("alert-400");

        Assert.Equal(["transient", "transient", "transient"], Outcomes(failedAgain));
        Assert.All(failedAgain["attempts"]!.AsArray(), a => Assert.StartsWith("The gateway 127.0.0.1 answered HTTP 500", a!["reason"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(["permanent"], Outcomes(refused));
        Assert.StartsWith("The gateway 127.0.0.1 answered HTTP 400", refused["attempts"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        var to500 = gateway.Received.Where(r => r.Path == $"/status/500/2010-04-01/Accounts/{AccountSid}/Messages.json").ToList();
        var to400 = gateway.Received.Where(r => r.Path == $"/status/400/2010-04-01/Accounts/{AccountSid}/Messages.json").ToList();
        Assert.Equal((3, 1), (to500.Count, to400.Count));
        foreach (var request in to500.Append(to400[0]))
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")), request.Headers["Authorization"]);
            Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"], StringComparison.Ordinal);
        }
        var form = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(to400[0].Body));
        Assert.Equal(("+14155550124", "+14155550100", "Bob is on /pricing"), (form["To"], form["From"], form["Body"]));
        // The same idempotency token on every retry of one delivery.
        Assert.Single(to500.Select(r => r.Headers["I-Twilio-Idempotency-Token"]).Distinct());
    }

    [Fact]
    public async Task An_ad_hoc_number_typed_without_its_country_code_is_texted_in_E164_of_the_workspace_s_region()
    {
        using (var region = await _admin.PutAsync("/api/workspaces/settings", new { defaultPhoneRegion = "GB" }))
        using (var saved = await _admin.PutAsync("/api/plugins/sms/settings/installation", new { baseUrl = gateway.UrlFor(TargetBehaviour.Accept).ToString() }))
        {
            await ApiClient.ReadAsync(region, HttpStatusCode.OK);
            await ApiClient.ReadAsync(saved, HttpStatusCode.OK);
        }

        await _app.Services.GetRequiredService<IOutbox>().EnqueueAsync(
            new OutboxMessage(_admin.WorkspaceId!, "ad-hoc-national", "sms", OutboxRecipients.Resolve(new RecipientSpec([RecipientEntry.AdHoc("07400 123456")])),
                "Lookout alert", "Cid is on /pricing"),
            CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!gateway.Received.Any(r => Encoding.UTF8.GetString(r.Body).Contains("Cid+is+on", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        var request = Assert.Single(gateway.Received, r => Encoding.UTF8.GetString(r.Body).Contains("Cid+is+on", StringComparison.Ordinal));
        var form = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(request.Body));
        Assert.Equal(("+447400123456", "Cid is on /pricing"), (form["To"], form["Body"]));
    }

    private Task<bool> EnqueueAsync(string key, string number, string text) =>
        _app.Services.GetRequiredService<IOutbox>().EnqueueAsync(
            new OutboxMessage(_admin.WorkspaceId!, key, "sms", OutboxRecipients.To(Recipient.At(number)), "Lookout alert", text),
            CancellationToken.None);

    private async Task<JsonNode> DeadDeliveryAsync(string key)
    {
        for (var i = 0; i < 200; i++)
        {
            using var response = await _admin.GetAsync("/api/outbox/deliveries?status=dead&channel=sms");
            var page = await ApiClient.ReadAsync(response, HttpStatusCode.OK);
            if (page["items"]!.AsArray().FirstOrDefault(d => d!["messageKey"]!.GetValue<string>() == key) is { } delivery)
            {
                using var detail = await _admin.GetAsync($"/api/outbox/deliveries/{delivery["id"]!.GetValue<string>()}");
                return await ApiClient.ReadAsync(detail, HttpStatusCode.OK);
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The delivery of {key} did not become a dead letter.");
    }

    private static List<string> Outcomes(JsonNode detail) =>
        detail["attempts"]!.AsArray().OrderBy(a => a!["number"]!.GetValue<long>()).Select(a => a!["outcome"]!.GetValue<string>()).ToList();
}
