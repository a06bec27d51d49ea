using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Operators;

namespace Lookout.Workspaces.Tests.Operators;

public sealed class OperatorPresenceTests
{
    private readonly OperatorPresence _presence = new();

    [Fact]
    public void This_host_keeps_its_connections_per_workspace_until_they_close()
    {
        Assert.True(_presence.Connect("w1", Window("c1", "ann")));
        Assert.False(_presence.Connect("w1", Window("c1", "ann")));
        _presence.Connect("w2", Window("c2", "ann"));
        _presence.Connect("w2", Window("c3", "bob"));

        Assert.Equal(["c1"], _presence.ConnectionsIn("w1"));
        Assert.Equal(["w1", "w2"], _presence.Workspaces().Order(StringComparer.Ordinal));

        Assert.Equal("w1", _presence.Disconnect("c1"));
        Assert.Null(_presence.Disconnect("c1"));
        Assert.Equal(["w2"], _presence.Workspaces());
        Assert.Equal(["bob", "ann"], _presence.In("w2").Select(c => c.UserId).OrderDescending(StringComparer.Ordinal));
    }

    private static OperatorConnection Window(string connectionId, string userId) =>
        new(connectionId, userId, userId, WorkspaceRole.Operator, DateTimeOffset.UnixEpoch);
}
