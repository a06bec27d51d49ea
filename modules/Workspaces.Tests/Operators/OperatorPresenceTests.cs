using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;
using Lookout.Workspaces.Operators;

namespace Lookout.Workspaces.Tests.Operators;

public sealed class OperatorPresenceTests
{
    private readonly OperatorPresence _presence = new(TimeProvider.System);

    [Fact]
    public void A_member_is_online_while_at_least_one_of_their_windows_is_connected()
    {
        Assert.True(_presence.Connect("c1", "w1", "ann", "Ann", WorkspaceRole.Operator));
        Assert.False(_presence.Connect("c2", "w1", "ann", "Ann", WorkspaceRole.Operator));

        Assert.Equal(("w1", false), _presence.Disconnect("c1"));
        Assert.Equal(["ann"], _presence.Online("w1").Select(o => o.UserId));

        Assert.Equal(("w1", true), _presence.Disconnect("c2"));
        Assert.Empty(_presence.Online("w1"));
    }

    [Fact]
    public void Presence_is_per_workspace()
    {
        _presence.Connect("c1", "w1", "ann", "Ann", WorkspaceRole.Admin);
        _presence.Connect("c2", "w2", "ann", "Ann", WorkspaceRole.SalesRep);
        _presence.Connect("c3", "w2", "bob", "Bob", WorkspaceRole.Operator);

        Assert.Equal([new OnlineOperator("ann", "Ann", WorkspaceRole.Admin, _presence.Online("w1")[0].OnlineSince)], _presence.Online("w1"));
        Assert.Equal(["Ann", "Bob"], _presence.Online("w2").Select(o => o.DisplayName));
        Assert.Equal(["c1"], _presence.ConnectionsIn("w1"));

        _presence.Disconnect("c2");
        Assert.Equal(["ann"], _presence.Online("w1").Select(o => o.UserId));
        Assert.Equal(["bob"], _presence.Online("w2").Select(o => o.UserId));
    }

    [Fact]
    public void The_audience_of_a_popup_is_the_picked_members_with_all_their_windows()
    {
        _presence.Connect("c1", "w1", "ann", "Ann", WorkspaceRole.Operator);
        _presence.Connect("c2", "w1", "ann", "Ann", WorkspaceRole.Operator);
        _presence.Connect("c3", "w1", "sam", "Sam", WorkspaceRole.SalesRep);
        _presence.Connect("c4", "w2", "bob", "Bob", WorkspaceRole.Operator);

        var (users, connections) = _presence.Audience("w1", o => o.Role >= WorkspaceRole.Operator);

        Assert.Equal(["ann"], users);
        Assert.Equal(["c1", "c2"], connections.Order());
    }

    [Fact]
    public void A_connection_never_counted_changes_nothing()
    {
        _presence.Connect("c1", "w1", "ann", "Ann", WorkspaceRole.Operator);

        Assert.Null(_presence.Disconnect("refused-connection"));
        Assert.Single(_presence.Online("w1"));
    }
}
