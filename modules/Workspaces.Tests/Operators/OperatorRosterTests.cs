using System.Net;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;
using Lookout.Workspaces.Operators;
using Orleans.Runtime;

namespace Lookout.Workspaces.Tests.Operators;

public sealed class OperatorRosterTests
{
    private static readonly SiloAddress HostA = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);
    private static readonly SiloAddress HostB = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 1);
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly OperatorRoster _roster = new();

    [Fact]
    public void A_member_is_online_while_at_least_one_of_their_windows_is_connected_on_any_host()
    {
        Assert.True(_roster.Connect(HostA, Window("c1", "ann", "Ann", WorkspaceRole.Operator)));
        Assert.False(_roster.Connect(HostB, Window("c2", "ann", "Ann", WorkspaceRole.Operator)));

        Assert.False(_roster.Disconnect(HostA, "c1"));
        Assert.Equal(["ann"], _roster.Online().Select(o => o.UserId));

        Assert.True(_roster.Disconnect(HostB, "c2"));
        Assert.Empty(_roster.Online());
    }

    [Fact]
    public void A_member_is_online_since_their_first_window_with_the_name_they_had_then()
    {
        _roster.Connect(HostB, Window("c2", "ann", "Ann B.", WorkspaceRole.Operator, minutes: 5));
        _roster.Connect(HostA, Window("c1", "ann", "Ann", WorkspaceRole.Operator));
        _roster.Connect(HostA, Window("c3", "bob", "bob", WorkspaceRole.Admin));

        Assert.Equal(
            [new OnlineOperator("ann", "Ann", WorkspaceRole.Operator, Now), new OnlineOperator("bob", "bob", WorkspaceRole.Admin, Now)],
            _roster.Online());
    }

    [Fact]
    public void A_host_that_is_forgotten_takes_its_members_offline_unless_they_are_connected_elsewhere()
    {
        _roster.Connect(HostA, Window("c1", "ann", "Ann", WorkspaceRole.Operator));
        _roster.Connect(HostB, Window("c2", "ann", "Ann", WorkspaceRole.Operator));
        _roster.Connect(HostB, Window("c3", "bob", "Bob", WorkspaceRole.Operator));

        Assert.True(_roster.Forget([HostB]));

        Assert.Equal(["ann"], _roster.Online().Select(o => o.UserId));
        Assert.Equal([HostA], _roster.Hosts);
    }

    [Fact]
    public void A_host_report_replaces_what_the_roster_knew_of_that_host()
    {
        _roster.Connect(HostB, Window("c1", "ann", "Ann", WorkspaceRole.Operator));

        Assert.True(_roster.Replace(HostB, [Window("c2", "bob", "Bob", WorkspaceRole.Operator)]));
        Assert.False(_roster.Replace(HostB, [Window("c2", "bob", "Bob", WorkspaceRole.Operator)]));
        Assert.Equal(["bob"], _roster.Online().Select(o => o.UserId));

        Assert.True(_roster.Replace(HostB, []));
        Assert.Empty(_roster.Hosts);
    }

    [Fact]
    public void The_audience_of_a_popup_is_the_picked_members_with_all_their_windows_host_by_host()
    {
        _roster.Connect(HostA, Window("c1", "ann", "Ann", WorkspaceRole.Operator));
        _roster.Connect(HostB, Window("c2", "ann", "Ann", WorkspaceRole.Operator));
        _roster.Connect(HostB, Window("c3", "sam", "Sam", WorkspaceRole.SalesRep));

        var audience = _roster.Audience(o => o.Role >= WorkspaceRole.Operator).OrderBy(a => a.ConnectionIds[0], StringComparer.Ordinal).ToList();

        Assert.Equal([HostA, HostB], audience.Select(a => a.Host));
        Assert.All(audience, a => Assert.Equal(["ann"], a.UserIds));
        Assert.Equal(["c1", "c2"], audience.SelectMany(a => a.ConnectionIds));
    }

    [Fact]
    public void A_connection_never_counted_changes_nothing()
    {
        _roster.Connect(HostA, Window("c1", "ann", "Ann", WorkspaceRole.Operator));

        Assert.False(_roster.Disconnect(HostA, "refused-connection"));
        Assert.False(_roster.Disconnect(HostB, "c1"));
        Assert.Single(_roster.Online());
    }

    private static OperatorConnection Window(string connectionId, string userId, string name, WorkspaceRole role, int minutes = 0) =>
        new(connectionId, userId, name, role, Now.AddMinutes(minutes));
}
