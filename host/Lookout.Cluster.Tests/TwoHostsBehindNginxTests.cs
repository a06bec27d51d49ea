using System.Net;
using System.Text.Json;
using Dapper;
using Lookout.Testing.Cluster;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace Lookout.Cluster.Tests;

/// <summary>
/// An installation of two hosts behind nginx, set up as deploy/nginx.conf says. Nothing here relies on the hosts
/// sharing grains: each request and each hub connection is answered by one host.
/// </summary>
public sealed class TwoHostsBehindNginxTests(TwoHostsBehindNginx installation) : IClassFixture<TwoHostsBehindNginx>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Requests_through_nginx_reach_both_hosts()
    {
        var served = await ServedThroughNginxAsync(10);

        Assert.Equal(installation.Cluster.Hosts.Select(host => host.Address.Authority).Order(), served.Distinct().Order());
    }

    [Fact]
    public async Task Nginx_answers_while_a_host_is_stopped_and_sends_it_requests_again_once_it_is_back()
    {
        Assert.Equal(0, await installation.Second.StopAsync());

        Assert.Equal([installation.First.Address.Authority], (await ServedThroughNginxAsync(6)).Distinct());

        await installation.Second.StartAsync();
        await BothHostsServeThroughNginxAsync();
    }

    [Fact]
    public async Task A_session_cookie_and_antiforgery_token_from_one_host_are_accepted_by_the_other()
    {
        using var browser = new CookieSession();
        await browser.SignInAsync(installation.First.Address);

        using var session = await browser.SendAsync(HttpMethod.Get, installation.Second.Address, "/api/workspaces/me");
        using var created = await browser.SendAsync(HttpMethod.Post, installation.Second.Address, "/api/workspaces", new { name = "Made on the second host" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Created), (session.StatusCode, created.StatusCode));
    }

    [Fact]
    public async Task The_hosts_share_one_data_protection_key_kept_in_the_database_not_in_their_homes()
    {
        await using var connection = new NpgsqlConnection(installation.Cluster.Database.ConnectionString);

        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel_data_protection_keys"));
        Assert.All(installation.Cluster.Hosts, host => Assert.False(Directory.Exists(Path.Combine(host.Home, ".aspnet", "DataProtection-Keys"))));
    }

    [Fact]
    public async Task The_live_view_hub_accepts_a_member_through_nginx_over_WebSockets()
    {
        using var browser = new CookieSession();
        await browser.SignInAsync(installation.Nginx.Address);
        await using var hub = Connect(browser, $"/hubs/live?workspace={browser.WorkspaceId}");

        await hub.StartAsync();

        // The hub closes a connection it refuses; one it accepted answers calls, even to a method it does not have.
        var answer = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<string>("NoSuchMethod"));
        Assert.Contains("Method does not exist", answer.Message, StringComparison.Ordinal);
        await hub.StopAsync();
        await AssertUpgradedThroughNginxAsync("/hubs/live?");
    }

    [Fact]
    public async Task The_operators_hub_pushes_to_a_client_connected_through_nginx_over_WebSockets()
    {
        using var browser = new CookieSession();
        await browser.SignInAsync(installation.Nginx.Address);
        await using var hub = Connect(browser, $"/hubs/operators?workspace={browser.WorkspaceId}");
        var online = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("operators", operators => online.TrySetResult(operators));

        await hub.StartAsync();

        var operators = await online.Task.WaitAsync(Patience);
        Assert.Contains(operators.EnumerateArray(), o => o.GetProperty("displayName").GetString() == "Admin");
        await hub.StopAsync();
        await AssertUpgradedThroughNginxAsync("/hubs/operators?");
    }

    /// <summary>A hub connection through nginx that negotiates as the admin app does and then uses WebSockets only.</summary>
    private HubConnection Connect(CookieSession browser, string path) => new HubConnectionBuilder()
        .WithUrl(new Uri(installation.Nginx.Address, path), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.Cookies = browser.Cookies;
        })
        .Build();

    /// <summary>Sends <paramref name="count"/> requests through nginx, each answered 200; the host that answered each.</summary>
    private async Task<List<string>> ServedThroughNginxAsync(int count)
    {
        var probe = Guid.NewGuid().ToString("N");
        using var http = new HttpClient();
        for (var i = 0; i < count; i++)
        {
            using var response = await http.GetAsync(new Uri(installation.Nginx.Address, $"/health?probe={probe}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var logged = await LoggedAsync(requests => requests.Count(r => r.Target.EndsWith(probe, StringComparison.Ordinal)) == count);
        return logged.Where(r => r.Target.EndsWith(probe, StringComparison.Ordinal)).Select(r => r.Upstreams[^1]).ToList();
    }

    /// <summary>Waits until nginx gives requests to both hosts again (it leaves a host that failed alone for 10 s).</summary>
    private async Task BothHostsServeThroughNginxAsync()
    {
        var both = new[] { installation.First.Address.Authority, installation.Second.Address.Authority };
        var served = new HashSet<string>();
        var deadline = DateTime.UtcNow + Patience;
        while (!served.SetEquals(both))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Only {string.Join(", ", served)} answered through nginx within {Patience.TotalSeconds} s.");
            }
            served.UnionWith(await ServedThroughNginxAsync(2));
            await Task.Delay(250);
        }
    }

    /// <summary>nginx logs a WebSocket when it closes, with status 101 (Switching Protocols).</summary>
    private async Task AssertUpgradedThroughNginxAsync(string pathAndQueryStart) =>
        await LoggedAsync(requests => requests.Any(r => r.Status == 101 && r.Method == "GET" && r.Target.StartsWith(pathAndQueryStart, StringComparison.Ordinal)));

    /// <summary>nginx's access log once <paramref name="condition"/> holds for it; nginx writes a line after it answered.</summary>
    private async Task<IReadOnlyList<ProxiedRequest>> LoggedAsync(Func<IReadOnlyList<ProxiedRequest>, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var requests = installation.Nginx.AccessLog();
            if (condition(requests))
            {
                return requests;
            }
            if (DateTime.UtcNow > deadline)
            {
                var last = requests.TakeLast(20).Select(r => $"{r.Status} {r.Method} {r.Target} from {string.Join(", ", r.Upstreams)}");
                Assert.Fail($"nginx's access log does not show it. Its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, last)}");
            }
            await Task.Delay(50);
        }
    }
}
