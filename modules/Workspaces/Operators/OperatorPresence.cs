namespace Lookout.Workspaces.Operators;

/// <summary>
/// The connections to <see cref="OperatorsHub"/> open on this host, per workspace: what this host reports to each
/// workspace's <see cref="IOperatorsGrain"/>, and where it sends what the grain asks it to. They die with the host.
/// </summary>
internal sealed class OperatorPresence
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, OperatorConnection>> _workspaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _connections = new(StringComparer.Ordinal);

    /// <summary>Keeps a new connection; false when it is already kept.</summary>
    public bool Connect(string workspaceId, OperatorConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (_lock)
        {
            if (!_connections.TryAdd(connection.ConnectionId, workspaceId))
            {
                return false;
            }
            if (!_workspaces.TryGetValue(workspaceId, out var connections))
            {
                _workspaces[workspaceId] = connections = new(StringComparer.Ordinal);
            }
            connections[connection.ConnectionId] = connection;
            return true;
        }
    }

    /// <summary>Forgets a closed connection; its workspace, or null for a connection never kept.</summary>
    public string? Disconnect(string connectionId)
    {
        lock (_lock)
        {
            if (!_connections.Remove(connectionId, out var workspaceId))
            {
                return null;
            }
            var connections = _workspaces[workspaceId];
            connections.Remove(connectionId);
            if (connections.Count == 0)
            {
                _workspaces.Remove(workspaceId);
            }
            return workspaceId;
        }
    }

    /// <summary>The workspace's connections open on this host.</summary>
    public IReadOnlyList<OperatorConnection> In(string workspaceId)
    {
        lock (_lock)
        {
            return _workspaces.TryGetValue(workspaceId, out var connections) ? connections.Values.ToList() : [];
        }
    }

    /// <summary>The ids of the workspace's connections open on this host.</summary>
    public IReadOnlyList<string> ConnectionsIn(string workspaceId) => In(workspaceId).Select(c => c.ConnectionId).ToList();

    /// <summary>The workspaces with connections open on this host.</summary>
    public IReadOnlyList<string> Workspaces()
    {
        lock (_lock)
        {
            return _workspaces.Keys.ToList();
        }
    }
}
