using Lookout.Visitors.Live;

namespace Lookout.Visitors.Tests.Live;

public sealed class LivePresenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_visitor_is_live_for_the_window_after_its_last_event()
    {
        var presence = new LivePresence("w1");
        Assert.True(presence.TrySee(Now, left: false));

        Assert.True(presence.IsLive(Now + LiveVisitors.Window - TimeSpan.FromMilliseconds(1)));
        Assert.False(presence.TryEnd(Now + LiveVisitors.Window - TimeSpan.FromMilliseconds(1)));
        Assert.False(presence.IsLive(Now + LiveVisitors.Window));
        Assert.True(presence.TryEnd(Now + LiveVisitors.Window));
        Assert.False(presence.TryEnd(Now + LiveVisitors.Window), "ended once");
    }

    [Fact]
    public void A_visitor_who_left_is_gone_after_the_grace_unless_seen_again()
    {
        var presence = new LivePresence("w1");
        presence.TrySee(Now, left: true);
        Assert.True(presence.IsLive(Now + LiveVisitors.LeaveGrace - TimeSpan.FromMilliseconds(1)));
        Assert.False(presence.IsLive(Now + LiveVisitors.LeaveGrace));

        presence.TrySee(Now + TimeSpan.FromSeconds(5), left: false); // the next page came
        Assert.True(presence.IsLive(Now + LiveVisitors.LeaveGrace));
        Assert.False(presence.TryEnd(Now + LiveVisitors.LeaveGrace));
    }

    [Fact]
    public void An_ended_presence_is_never_seen_again()
    {
        // The sweep may end a presence between the moment a grain finds it and the moment it records its change:
        // the change must then go to a new presence, or the visitor would vanish from the view while on the site.
        var presence = new LivePresence("w1");
        presence.TrySee(Now, left: false);
        Assert.True(presence.TryEnd(Now + LiveVisitors.Window));

        Assert.False(presence.TrySee(Now + LiveVisitors.Window, left: false));
        Assert.False(presence.IsLive(Now + LiveVisitors.Window));
    }
}
