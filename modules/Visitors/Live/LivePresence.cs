namespace Lookout.Visitors.Live;

/// <summary>
/// When one visitor of the live view was last seen, changed in place at each of its changes, kept by its workspace's
/// <see cref="Grains.LiveWorkspaceGrain"/>. The sweep ends it once the visitor is gone; an ended presence is never seen
/// again, so a visitor who comes back gets a new one.
/// </summary>
internal sealed class LivePresence(string workspaceId)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _lastSeenAt;
    private bool _left;
    private bool _ended;

    public string WorkspaceId => workspaceId;

    /// <summary>Gone after <see cref="LiveVisitors.Window"/> without an event, or <see cref="LiveVisitors.LeaveGrace"/> after leaving.</summary>
    public static bool IsLive(DateTimeOffset lastSeenAt, bool left, DateTimeOffset now) =>
        now - lastSeenAt < (left ? LiveVisitors.LeaveGrace : LiveVisitors.Window);

    /// <summary>Records the visitor's latest change; false when the sweep ended this presence already.</summary>
    public bool TrySee(DateTimeOffset lastSeenAt, bool left)
    {
        lock (_lock)
        {
            if (_ended)
            {
                return false;
            }
            _lastSeenAt = lastSeenAt;
            _left = left;
            return true;
        }
    }

    public bool IsLive(DateTimeOffset now)
    {
        lock (_lock)
        {
            return !_ended && IsLive(_lastSeenAt, _left, now);
        }
    }

    /// <summary>Ends the presence if the visitor is gone at <paramref name="now"/>; true only for the call that ended it.</summary>
    public bool TryEnd(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_ended || IsLive(_lastSeenAt, _left, now))
            {
                return false;
            }
            _ended = true;
            return true;
        }
    }
}
