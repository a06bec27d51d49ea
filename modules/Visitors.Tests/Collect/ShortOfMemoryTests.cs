using System.Net;
using System.Text;
using Lookout.Host.Testing;
using Lookout.Testing;

namespace Lookout.Visitors.Tests.Collect;

/// <summary>
/// The last line against a flood that outruns activation shedding: above <c>Orleans:MemoryRefusePercent</c> the host
/// refuses tracker batches with 503 instead of running out of memory, and goes on serving everything else.
/// </summary>
public sealed class ShortOfMemoryTests : IAsyncLifetime
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private LookoutApp _app = null!;

    // Any process uses more than a thousandth of a percent of the machine's memory: this host is always short of it.
    public async Task InitializeAsync() =>
        _app = await LookoutApp.StartAsync(settings: new Dictionary<string, string?> { ["Orleans:MemoryRefusePercent"] = "0.001" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_host_short_of_memory_refuses_tracker_batches_with_503_and_serves_the_rest()
    {
        using var admin = await _app.SignInAsAdminAsync();
        var siteKey = (await ApiClient.ReadAsync(await admin.GetAsync("/api/workspaces/sites"), HttpStatusCode.OK))[0]!["siteKey"]!.GetValue<string>();
        using var browser = new HttpClient { BaseAddress = _app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/collect")
        {
            Content = new StringContent(
                $$"""{"site":"{{siteKey}}","visitor":"short-of-memory-1","events":[{"type":"pageview","pageId":"p1","url":"https://shop.example.com/","title":"Shop"}]}""",
                Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", _app.BaseAddress.GetLeftPart(UriPartial.Authority));
        request.Headers.UserAgent.ParseAdd(Chrome);

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = await ApiClient.ReadAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("memory", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        // Nothing was tracked, and the rest of the host answers as usual.
        await Eventually.SettleAsync();
        var live = await ApiClient.ReadAsync(await admin.GetAsync("/api/visitors/live"), HttpStatusCode.OK);
        Assert.DoesNotContain("short-of-memory-1", live.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/health")).StatusCode);
    }
}
