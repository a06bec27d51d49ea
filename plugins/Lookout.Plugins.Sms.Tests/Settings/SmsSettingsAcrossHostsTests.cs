using System.Net;
using Lookout.Host.Testing;

namespace Lookout.Plugins.Sms.Tests.Settings;

/// <summary>A workspace's plugin settings, saved through one host, apply on every host at once.</summary>
public sealed class SmsSettingsAcrossHostsTests(HostsOfOneCluster hosts) : IClassFixture<HostsOfOneCluster>
{
    [Fact]
    public async Task Settings_saved_through_host_A_apply_on_host_B_at_once()
    {
        using var adminOnA = await hosts.A.SignInAsAdminAsync();
        using var adminOnB = await hosts.B.SignInAsAdminAsync();
        Assert.Equal(3, await MaxSegmentsAsync(adminOnB));

        using (var saved = await adminOnA.PutAsync("/api/plugins/sms/settings", new { mode = "Twilio", baseUrl = "https://gateway.example.com", accountSid = "AC7", authToken = "token", from = "+14155550100", maxSegments = 5 }))
        {
            await ApiClient.ReadAsync(saved, HttpStatusCode.OK);
        }

        Assert.Equal(5, await MaxSegmentsAsync(adminOnB));
    }

    private static async Task<int> MaxSegmentsAsync(ApiClient admin)
    {
        using var response = await admin.GetAsync("/api/plugins/sms/settings");
        return (await ApiClient.ReadAsync(response, HttpStatusCode.OK))["values"]!["maxSegments"]!.GetValue<int>();
    }
}
