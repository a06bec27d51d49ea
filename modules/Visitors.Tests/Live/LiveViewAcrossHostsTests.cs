using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;
using Lookout.Kernel.Storage;
using Lookout.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Lookout.Visitors.Tests.Live;

/// <summary>
/// Two hosts of one cluster on one PostgreSQL database: an operator connected to the first sees, within moments, the
/// visitors whose events reach the second, in the live view's pushes and in its list alike.
/// </summary>
public sealed class LiveViewAcrossHostsTests : IAsyncLifetime
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(2);

    /// <summary>A visitor who left is gone after the grace; the workspace grain sweeps every 5 seconds.</summary>
    private static readonly TimeSpan GoneAfterLeaving = TimeSpan.FromSeconds(8);

    private LookoutApp _first = null!;
    private LookoutApp _second = null!;
    private ApiClient _operator = null!;
    private JsonNode _site = null!;

    public async Task InitializeAsync()
    {
        _first = await LookoutApp.StartAsync(SqlDialect.PostgreSql);
        _second = await _first.JoinClusterAsync();
        _operator = await _first.SignInAsAdminAsync();
        _site = (await ApiClient.ReadAsync(await _operator.GetAsync("/api/workspaces/sites"), HttpStatusCode.OK))[0]!;
        // Hosts just started take their time over their first grains (placement, activation, storage): a visitor
        // first, so that the tests measure the live view rather than that.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await CollectAtSecondAsync("across-warm-up-aaaaaaa", now, $$"""{"type":"pageview","pageId":"warm-up-page","url":"https://shop.example.com/","ts":{{now}}}""");
        await Eventually.TrueAsync(async () => (await LiveAtFirstAsync()).Contains("across-warm-up-aaaaaaa"), "the first host lists the first visitor");
    }

    public async Task DisposeAsync()
    {
        _operator.Dispose();
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    private string SiteId => _site["id"]!.GetValue<string>();

    [Fact]
    public async Task An_operator_on_one_host_sees_a_visitor_tracked_through_the_other_arrive_and_leave()
    {
        var liveView = new LiveViewConnection();
        await using var hub = await liveView.ConnectAsync(_operator);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await CollectAtSecondAsync("across-visitor-aaaaaaa", now,
            $$"""{"type":"pageview","pageId":"across-page-1","url":"https://shop.example.com/lamps","title":"Lamps","ts":{{now - 20_000}}}""");

        var arrived = await liveView.NextAsync("across-visitor-aaaaaaa", v => !v["visitor"]!["left"]!.GetValue<bool>());
        Assert.Equal("https://shop.example.com/lamps", arrived["visitor"]!["currentUrl"]!.GetValue<string>());
        Assert.Equal(_site["name"]!.GetValue<string>(), arrived["siteName"]!.GetValue<string>());
        Assert.Contains("across-visitor-aaaaaaa", await LiveAtFirstAsync());

        // Left 9 seconds ago: gone after the 10 s grace, at the workspace grain's next sweep.
        now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await CollectAtSecondAsync("across-visitor-aaaaaaa", now, $$"""{"type":"leave","pageId":"across-page-1","ts":{{now - 9_000}}}""");

        await liveView.NextAsync("across-visitor-aaaaaaa", v => v["visitor"]!["left"]!.GetValue<bool>());
        Assert.Equal((SiteId, "across-visitor-aaaaaaa"), await liveView.Gone.Task.WaitAsync(GoneAfterLeaving));
        Assert.DoesNotContain("across-visitor-aaaaaaa", await LiveAtFirstAsync());
    }

    [Fact]
    public async Task A_lead_changed_on_one_host_shows_its_new_owner_in_the_live_view_of_the_other()
    {
        var liveView = new LiveViewConnection();
        await using var hub = await liveView.ConnectAsync(_operator);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await CollectAtSecondAsync("across-lead-aaaaaaaaaa", now,
            $$"""{"type":"pageview","pageId":"across-lead-1","url":"https://shop.example.com/contact","ts":{{now}}}""",
            $$"""{"type":"identify","email":"bea@example.com","name":"Bea Souza","company":"Acme","ts":{{now}}}""");
        var owned = await liveView.NextAsync("across-lead-aaaaaaaaaa", v => v["leadName"]?.GetValue<string>() == "Bea Souza");
        Assert.Equal("Admin", owned["ownerName"]?.GetValue<string>());
        var leadId = owned["visitor"]!["leadId"]!.GetValue<string>();

        using (var admin = _second.CreateClient())
        {
            await admin.SignInAsync(LookoutApp.AdminEmail, LookoutApp.AdminPassword);
            await ApiClient.ReadAsync(await admin.PutAsync($"/api/visitors/leads/{leadId}", new { ownerUserId = (string?)null, tags = Array.Empty<string>() }), HttpStatusCode.OK);
        }
        now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await CollectAtSecondAsync("across-lead-aaaaaaaaaa", now, $$"""{"type":"heartbeat","pageId":"across-lead-1","ts":{{now}}}""");

        var unowned = await liveView.NextAsync("across-lead-aaaaaaaaaa", v => v["visitor"]!["currentDwellMs"]!.GetValue<long>() > 0);
        Assert.Null(unowned["ownerName"]);
    }

    private async Task<List<string>> LiveAtFirstAsync() =>
        (await ApiClient.ReadAsync(await _operator.GetAsync("/api/visitors/live"), HttpStatusCode.OK)).AsArray()
            .Select(v => v!["visitor"]!["visitorId"]!.GetValue<string>()).ToList();

    private async Task CollectAtSecondAsync(string visitorId, long sentAt, params string[] events)
    {
        using var browser = new HttpClient { BaseAddress = _second.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/collect")
        {
            Content = new StringContent(
                $$"""{"site":"{{_site["siteKey"]}}","visitor":"{{visitorId}}","sentAt":{{sentAt}},"events":[{{string.Join(",", events)}}]}""", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", _second.BaseAddress.GetLeftPart(UriPartial.Authority));
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>The live view as the admin app holds it: the pushes it got, in order.</summary>
    private sealed class LiveViewConnection
    {
        private readonly List<JsonNode> _visitors = [];
        private readonly Lock _lock = new();

        public TaskCompletionSource<(string SiteId, string VisitorId)> Gone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<HubConnection> ConnectAsync(ApiClient operatorClient)
        {
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(operatorClient.BaseAddress, $"/hubs/live?workspace={operatorClient.WorkspaceId}"), options => options.Cookies = operatorClient.Cookies)
                .Build();
            hub.On<JsonElement>("visitor", visitor =>
            {
                lock (_lock)
                {
                    _visitors.Add(JsonNode.Parse(visitor.GetRawText())!);
                }
            });
            hub.On<string, string>("visitorGone", (siteId, visitorId) => Gone.TrySetResult((siteId, visitorId)));
            await hub.StartAsync();
            return hub;
        }

        /// <summary>The first push of the visitor that matches, waiting <see cref="Promptly"/> at most.</summary>
        public Task<JsonNode> NextAsync(string visitorId, Func<JsonNode, bool> matches) => Eventually.FoundAsync(() =>
        {
            lock (_lock)
            {
                return Task.FromResult(_visitors.FirstOrDefault(v => v["visitor"]!["visitorId"]!.GetValue<string>() == visitorId && matches(v)));
            }
        }, $"the live view on the first host shows {visitorId}", Promptly);
    }
}
