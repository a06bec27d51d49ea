using System.Net;
using System.Text;
using Lookout.Host.Testing;

namespace Lookout.Host.Tests.Api;

/// <summary>
/// Bodies the JSON reader takes but no handler can decode: a lone UTF-16 surrogate in a free-form field (plugin
/// settings, sample data), a charset no one knows. Each is the client's mistake, answered 4xx naming what is wrong.
/// </summary>
public sealed class UndecodableBodyTests(HostApp host) : IClassFixture<HostApp>
{
    [Fact]
    public async Task A_lone_surrogate_in_any_text_setting_of_any_plugin_is_a_400_naming_the_setting()
    {
        using var admin = await host.App.SignInAsAdminAsync();
        using var plugins = await admin.GetAsync("/api/plugins");
        var checkedFields = 0;
        foreach (var plugin in (await ApiClient.ReadAsync(plugins, HttpStatusCode.OK)).AsArray())
        {
            var id = plugin!["id"]!.GetValue<string>();
            using var settings = await admin.GetAsync($"/api/plugins/{id}/settings");
            if (settings.StatusCode == HttpStatusCode.NotFound)
            {
                continue; // a plugin without settings
            }
            foreach (var field in (await ApiClient.ReadAsync(settings, HttpStatusCode.OK))["fields"]!.AsArray())
            {
                var (name, kind) = (field!["name"]!.GetValue<string>(), field["kind"]!.GetValue<string>());
                var value = kind switch
                {
                    "text" or "choice" => "\"\\ud800\"",
                    "map" => "{\"key\": \"\\udc00\"}",
                    _ => null,
                };
                if (value is null)
                {
                    continue;
                }

                using var response = await admin.PutAsync($"/api/plugins/{id}/settings", Json($"{{\"{name}\": {value}}}"));

                Assert.Equal([name], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
                checkedFields++;
            }
        }
        Assert.True(checkedFields >= 5, $"only {checkedFields} settings checked");
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_name_or_a_value_of_attachment_sample_data_is_a_400_naming_sample_data()
    {
        using var admin = await host.App.SignInAsAdminAsync();

        foreach (var sample in new[] { """{"name": "\ud800"}""", """{"\udbff": 1}""", """{"rows": [{"a": "x\udc00"}]}""" })
        {
            using var response = await admin.PostAsync("/api/plugins/attachments/preview", Json($$"""{"format": "txt", "template": "Hello", "sampleData": {{sample}}}"""));

            Assert.Equal(["sampleData"], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
        }
    }

    [Theory]
    [InlineData("application/json; charset=nonsense")]
    [InlineData("application/json; charset=\"utf-8\"x")]
    [InlineData("text/csv; charset=klingon")]
    public async Task A_body_in_a_charset_no_one_knows_is_a_415(string contentType)
    {
        using var admin = await host.App.SignInAsAdminAsync();
        using var body = new ByteArrayContent("""{"name": "Shop", "timeZone": "Etc/UTC"}"""u8.ToArray());
        body.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await admin.PostAsync("/api/workspaces/sites", body);

        await Problem.ReadAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
