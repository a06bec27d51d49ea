using System.Text.Json;
using Lookout.Plugins.Sms.Tests.Support;
using Lookout.Plugins.Testing;

namespace Lookout.Plugins.Sms.Tests.Gateway;

/// <summary>The SMS channel keeps the channel contract, against a real HTTP gateway on loopback (generic JSON mode).</summary>
public sealed class SmsChannelConformanceTests(LoopbackHttpTarget target) : ChannelConformance, IClassFixture<LoopbackHttpTarget>
{
    private readonly TestSettings _settings = new(TestSettings.Generic(target.UrlFor(TargetBehaviour.Accept), template: """{"to": "{{to}}", "text": "{{body}}", "ref": "{{id}}"}"""));

    protected override IEnumerable<string> BadAddresses =>
        ["", "not a number", "0612345678", "+0612345678", "+33 6 12 34 56 78", "+1234", "+1234567890123456", "ann@example.com", "+14155550100\r\nX-Injected: 1"];

    protected override IChannel CreateChannel() => new SmsChannel(_settings, new SmsNetwork(AllowPrivateNetworks: true), TimeProvider.System);

    protected override Task<Recipient> TargetAsync(TargetBehaviour behaviour)
    {
        _settings.Current = TestSettings.Generic(target.UrlFor(behaviour), template: """{"to": "{{to}}", "text": "{{body}}", "ref": "{{id}}"}""");
        return Task.FromResult(Recipient.At("+14155550123"));
    }

    protected override Task AssertReceivedAsync(Notification sent)
    {
        var request = Assert.Single(target.Received, r => r.Path == "/accept" && JsonDocument.Parse(r.Body).RootElement.GetProperty("ref").GetString() == sent.Id);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("+14155550123", json.RootElement.GetProperty("to").GetString());
        Assert.Equal(sent.TextBody, json.RootElement.GetProperty("text").GetString());
        return Task.CompletedTask;
    }
}
