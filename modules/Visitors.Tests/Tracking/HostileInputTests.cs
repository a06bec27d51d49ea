using System.Net;
using System.Text;
using Lookout.Host.Testing;

namespace Lookout.Visitors.Tests.Tracking;

/// <summary>Tracker input is hostile: thousands of malformed and hostile requests, and the host stays up and answers 4xx.</summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private LookoutApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await LookoutApp.StartAsync(settings: new Dictionary<string, string?> { ["Collect:RequestsPerIpPerMinute"] = "1000000" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Thousands_of_malformed_and_hostile_requests_get_4xx_and_the_host_stays_up()
    {
        using var admin = await _app.SignInAsAdminAsync();
        var siteKey = (await ApiClient.ReadAsync(await admin.GetAsync("/api/workspaces/sites"), HttpStatusCode.OK))[0]!["siteKey"]!.GetValue<string>();
        var origin = _app.BaseAddress.GetLeftPart(UriPartial.Authority);
        using var browser = new HttpClient { BaseAddress = _app.BaseAddress };
        var random = new Random(20261121);
        var statuses = new Dictionary<HttpStatusCode, int>();

        for (var i = 0; i < 3_000; i++)
        {
            var body = Hostile(random, siteKey, i);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/collect") { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/plain");
            request.Headers.Add("Origin", origin);
            request.Headers.UserAgent.ParseAdd(Chrome);
            using var response = await browser.SendAsync(request);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            Assert.True((int)response.StatusCode is 202 or (>= 400 and < 500), $"request {i} answered {(int)response.StatusCode}");
        }

        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 1_000, string.Join(", ", statuses));
        using var health = await browser.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        // Whatever was accepted is stored as text: the live view lists it without error.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/visitors/live")).StatusCode);
    }

    /// <summary>A body broken in one of many ways: wrong types, huge strings, script tags, invalid UTF-8, deep nesting, junk.</summary>
    private static byte[] Hostile(Random random, string siteKey, int i)
    {
        var visitor = $"fuzz-visitor-{i % 50:D4}-aaaa";
        var page = $"fuzz-page-{i:D6}";
        var script = "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>";
        string json = (i % 12) switch
        {
            0 => $$"""{"site":"{{siteKey}}","visitor":"{{visitor}}","events":[{"type":"pageview","pageId":"{{page}}","url":"https://shop.example.com/{{script}}","title":"{{script}}","referrer":"javascript:alert(1)"}]}""",
            1 => $$"""{"site":"{{siteKey}}","visitor":"{{visitor}}","events":[{"type":"pageview","pageId":"{{page}}","url":"https://shop.example.com/","title":"{{new string('x', 600)}}"}]}""",
            2 => $$"""{"site":"{{siteKey}}","visitor":"{{visitor}}","events":[{"type":"pageview","pageId":{{random.Next()}},"url":[1,2,3]}]}""",
            3 => $$"""{"site":{"$ne":null},"visitor":true,"events":"all"}""",
            4 => $$"""{"site":"{{siteKey}}","visitor":"{{visitor}}","events":[{{string.Join(",", Enumerable.Repeat("{\"type\":\"heartbeat\",\"pageId\":\"" + page + "\"}", 60))}}]}""",
            5 => new string('[', 5_000),
            6 => $$"""{"site":"{{siteKey}}","visitor":"{{visitor}}","events":[{"type":"identify","email":"{{script}}","name":"{{script}}","company":"\u0000\u0001\u0002"}]}""",
            7 => $$"""{"site":"{{siteKey}}","visitor":"{{visitor}}","events":[{"type":"event","name":"{{script}}","props":""" + """{"a":{"b":{"c":1}}}}]}""",
            8 => $$"""{"site":"{{siteKey}}","visitor":"../../etc/passwd","events":[{"type":"leave","pageId":"{{page}}"}]}""",
            9 => $$"""{"site":"{{siteKey}}","visitor":"{{visitor}}","sentAt":"yesterday","events":[{"type":"pageview","pageId":"{{page}}","url":"https://shop.example.com/","ts":-1e308}]}""",
            10 => Encoding.Latin1.GetString(Enumerable.Range(0, 200).Select(_ => (byte)random.Next(256)).ToArray()),
            _ => $$"""{"site":"{{siteKey}}","visitor":"{{visitor}}","events":[{"type":"pageview","pageId":"{{page}}","url":"https://shop.example.com/\uD800","title":"ok"}]}""",
        };
        var bytes = Encoding.UTF8.GetBytes(json);
        if (i % 12 == 11)
        {
            bytes[^5] = 0xFF; // invalid UTF-8 inside a string
        }
        return bytes;
    }
}
