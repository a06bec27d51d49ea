using Lookout.Host.Testing;
using Lookout.Plugins;
using Lookout.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Workspaces.Tests.Operators;

/// <summary>
/// A host that stops renewing its subscription (killed, cut off from the cluster) does not keep its operators online:
/// here host B renews every hour while subscriptions expire after 3 s, as if B had died right after its operator connected.
/// </summary>
public sealed class OperatorsOfALostHostTests(OperatorsOfALostHostTests.HostBStopsRenewing hosts) : IClassFixture<OperatorsOfALostHostTests.HostBStopsRenewing>
{
    [Fact]
    public async Task The_operators_of_a_host_whose_subscription_expired_go_offline_and_get_no_popups()
    {
        using var admin = await hosts.A.AdminOfNewWorkspaceAsync();
        await using var adminOnB = new OperatorsWindow(hosts.B, admin);
        await adminOnB.OpenAsync();
        await Eventually.TrueAsync(async () => (await OperatorsAcrossHostsTests.OnlineAsync(admin)).SequenceEqual(["Admin"]), "the admin on host B is online");

        await Eventually.TrueAsync(async () => (await OperatorsAcrossHostsTests.OnlineAsync(admin)).Count == 0, "host B's subscription expires");

        var console = hosts.A.Services.GetRequiredService<IOperatorConsole>();
        var result = await console.ShowAsync(admin.WorkspaceId!, null, new Popup("Nobody on a lost host", ""), CancellationToken.None);
        Assert.Equal(0, result.OperatorsReached);
    }

    public sealed class HostBStopsRenewing() : HostsOfOneCluster(
        new Dictionary<string, string?> { ["Orleans:SubscriptionRenewal"] = "00:00:01", ["Orleans:SubscriptionExpiry"] = "00:00:03" },
        new Dictionary<string, string?> { ["Orleans:SubscriptionRenewal"] = "01:00:00", ["Orleans:SubscriptionExpiry"] = "00:00:03" });
}
