using System.Net;
using Lookout.Host.Testing;

namespace Lookout.Plugins.Sms.Tests.Settings;

/// <summary>Admins save the SMS plugin's settings through the API: bad ones are refused field by field, the token is never shown.</summary>
public sealed class SmsSettingsApiTests : IAsyncLifetime
{
    private LookoutApp _app = null!;
    private ApiClient _admin = null!;

    public async Task InitializeAsync()
    {
        _app = await LookoutApp.StartAsync();
        _admin = await _app.SignInAsAdminAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"mode": "twilio", "baseUrl": "not a url", "accountSid": "AC1", "authToken": "t", "from": "+14155550100"}""", "baseUrl")]
    [InlineData("""{"mode": "twilio", "baseUrl": "ftp://gateway.example.com", "accountSid": "AC1", "authToken": "t", "from": "+14155550100"}""", "baseUrl")]
    [InlineData("""{"mode": "generic", "url": "/relative/path", "from": "+14155550100"}""", "url")]
    [InlineData("""{"mode": "carrier-pigeon", "accountSid": "AC1", "authToken": "t", "from": "+14155550100"}""", "mode")]
    [InlineData("""{"accountSid": "AC1", "authToken": "t", "from": "+14155550100", "maxSegments": "three"}""", "maxSegments")]
    [InlineData("""{"accountSid": "AC1", "authToken": "t", "from": "+14155550100", "allowPrivateNetworks": true}""", "allowPrivateNetworks")]
    [InlineData("""{}""", "accountSid,authToken,from")]
    public async Task Bad_settings_are_refused_at_save_time_naming_the_field(string body, string fields)
    {
        using var response = await _admin.SendAsync(HttpMethod.Put, "/api/plugins/sms/settings", new System.Net.Http.StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal(fields.Split(',').Order(StringComparer.Ordinal), Problem.Fields(problem));
        using var current = await _admin.GetAsync("/api/plugins/sms/settings");
        Assert.Empty((await ApiClient.ReadAsync(current, HttpStatusCode.OK))["secretsSet"]!.AsArray());
    }

    [Fact]
    public async Task Saved_settings_are_shown_without_the_token_which_a_later_save_keeps()
    {
        using (var saved = await _admin.PutAsync("/api/plugins/sms/settings", new { mode = "Twilio", baseUrl = "https://gateway.example.com", accountSid = "AC42", authToken = "very-secret-token", from = "+14155550100", maxSegments = 2 }))
        {
            var view = await ApiClient.ReadAsync(saved, HttpStatusCode.OK);
            Assert.DoesNotContain("very-secret-token", view.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal(["authToken"], view["secretsSet"]!.AsArray().Select(s => s!.GetValue<string>()));
        }

        using (var again = await _admin.PutAsync("/api/plugins/sms/settings", new { mode = "Twilio", baseUrl = "https://gateway.example.com", accountSid = "AC42", from = "+14155550100", maxSegments = 4 }))
        {
            await ApiClient.ReadAsync(again, HttpStatusCode.OK);
        }

        using var response = await _admin.GetAsync("/api/plugins/sms/settings");
        var settings = await ApiClient.ReadAsync(response, HttpStatusCode.OK);
        Assert.DoesNotContain("very-secret-token", settings.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["authToken"], settings["secretsSet"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(("Twilio", "AC42", 4), (settings["values"]!["mode"]!.GetValue<string>(), settings["values"]!["accountSid"]!.GetValue<string>(), settings["values"]!["maxSegments"]!.GetValue<int>()));
        Assert.False(settings["values"]!.AsObject().ContainsKey("authToken"));
        var field = settings["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "mode")!;
        Assert.Equal("choice", field["kind"]!.GetValue<string>());
        Assert.Equal(["Twilio", "Generic"], field["choices"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task Settings_need_an_admin()
    {
        using var anonymous = _app.CreateClient();
        using var response = await anonymous.GetAsync("/api/plugins/sms/settings");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_plugin_without_settings_or_unknown_is_not_found()
    {
        using var attachments = await _admin.GetAsync("/api/plugins/attachments/settings");
        using var unknown = await _admin.GetAsync("/api/plugins/no-such-plugin/settings");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (attachments.StatusCode, unknown.StatusCode));
    }
}
