using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Lookout.Host.Testing;
using Lookout.Plugins;
using Lookout.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Workspaces.Tests.Operators;

/// <summary>
/// Operators connect to whichever host the load balancer picks: who is online, and who a popup reaches, is the same
/// through every host of the cluster.
/// </summary>
public sealed class OperatorsAcrossHostsTests(HostsOfOneCluster hosts) : IClassFixture<HostsOfOneCluster>
{
    private const string Password = "operator-password-1";

    [Fact]
    public async Task An_operator_connected_to_host_B_is_online_through_host_A_and_gets_the_popups_host_A_shows()
    {
        using var admin = await hosts.A.AdminOfNewWorkspaceAsync();
        var workspaceId = admin.WorkspaceId!;
        using var olga = await AddOperatorAsync(hosts.A, admin, "Olga Operator");
        await using var adminOnB = new OperatorsWindow(hosts.B, admin);
        await using var olgaOnA = new OperatorsWindow(hosts.A, olga);

        await adminOnB.OpenAsync();
        await olgaOnA.OpenAsync();

        await Eventually.TrueAsync(async () => (await OnlineAsync(admin)).SequenceEqual(["Admin", "Olga Operator"]), "both are online through host A");
        await Eventually.TrueAsync(() => adminOnB.LastOnline.SequenceEqual(["Admin", "Olga Operator"]), "host B's window hears that Olga came online on host A");
        using (var adminThroughB = hosts.B.CreateClient())
        {
            await adminThroughB.SignInAsync(LookoutApp.AdminEmail, LookoutApp.AdminPassword);
            adminThroughB.WorkspaceId = workspaceId;
            Assert.Equal(["Admin", "Olga Operator"], await OnlineAsync(adminThroughB));
        }

        var console = hosts.A.Services.GetRequiredService<IOperatorConsole>();
        var toAll = await console.ShowAsync(workspaceId, null, new Popup("Ann Smith is on the pricing page", "Third visit"), CancellationToken.None);

        Assert.Equal(2, toAll.OperatorsReached);
        await Eventually.TrueAsync(() => adminOnB.Popups.Contains("Ann Smith is on the pricing page"), "the popup reaches the window on host B");
        await Eventually.TrueAsync(() => olgaOnA.Popups.Contains("Ann Smith is on the pricing page"), "the popup reaches the window on host A");

        var adminId = (await OnlineUsersAsync(admin)).Single(o => o.Name == "Admin").Id;
        var toAdmin = await console.ShowAsync(workspaceId, [adminId], new Popup("For the admin", ""), CancellationToken.None);

        Assert.Equal([adminId], toAdmin.ReachedUserIds);
        await Eventually.TrueAsync(() => adminOnB.Popups.Contains("For the admin"), "the popup for the admin reaches host B");
        await Eventually.SettleAsync();
        Assert.DoesNotContain("For the admin", olgaOnA.Popups);

        await adminOnB.DisposeAsync();

        await Eventually.TrueAsync(async () => (await OnlineAsync(admin)).SequenceEqual(["Olga Operator"]), "the admin goes offline when the window on host B closes");
        await Eventually.TrueAsync(() => olgaOnA.LastOnline.SequenceEqual(["Olga Operator"]), "host A's window hears that the admin left host B");
    }

    internal static async Task<ApiClient> AddOperatorAsync(LookoutApp host, ApiClient admin, string displayName)
    {
        var email = $"operator.{Guid.NewGuid():N}@example.com";
        using (var response = await admin.PostAsync("/api/workspaces/users", new { email, displayName, role = "Operator", password = Password }))
        {
            await ApiClient.ReadAsync(response, HttpStatusCode.Created);
        }
        var client = host.CreateClient();
        client.WorkspaceId = admin.WorkspaceId;
        await client.SignInAsync(email, Password);
        return client;
    }

    internal static async Task<IReadOnlyList<string>> OnlineAsync(ApiClient client) => (await OnlineUsersAsync(client)).Select(o => o.Name).ToList();

    private static async Task<IReadOnlyList<(string Id, string Name)>> OnlineUsersAsync(ApiClient client)
    {
        using var response = await client.GetAsync("/api/workspaces/operators/online");
        return (await ApiClient.ReadAsync(response, HttpStatusCode.OK)).AsArray()
            .Select(o => (o!["userId"]!.GetValue<string>(), o["displayName"]!.GetValue<string>())).ToList();
    }
}

/// <summary>The admin app open on one host: its connection to the operators' hub, and what it received.</summary>
internal sealed class OperatorsWindow : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly ConcurrentQueue<string> _popups = new();
    private IReadOnlyList<string> _lastOnline = [];

    public OperatorsWindow(LookoutApp host, ApiClient browser)
    {
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, $"/hubs/operators?workspace={Uri.EscapeDataString(browser.WorkspaceId!)}"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.Cookies = browser.Cookies;
            })
            .Build();
        _hub.On<JsonElement>("popup", popup => _popups.Enqueue(popup.GetProperty("title").GetString()!));
        _hub.On<JsonElement>("operators", online =>
            _lastOnline = online.EnumerateArray().Select(o => o.GetProperty("displayName").GetString()!).ToList());
    }

    /// <summary>The titles of the popups received.</summary>
    public IReadOnlyList<string> Popups => [.. _popups];

    /// <summary>Who was online at the last <c>operators</c> message, by display name.</summary>
    public IReadOnlyList<string> LastOnline => _lastOnline;

    public Task OpenAsync() => _hub.StartAsync();

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
