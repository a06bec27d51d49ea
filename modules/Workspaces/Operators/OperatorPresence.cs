using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;

namespace Lookout.Workspaces.Operators;

/// <summary>
/// Who has the admin app open, per workspace: a member is online while at least one of their connections to
/// <see cref="OperatorsHub"/> is open in that workspace. Kept in this host's memory; connections die with it.
/// </summary>
internal sealed class OperatorPresence(TimeProvider clock) : IOperatorPresence
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, Member>> _workspaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string WorkspaceId, string UserId)> _connections = new(StringComparer.Ordinal);

    /// <summary>Counts a new connection; true when it brought its user online in the workspace.</summary>
    public bool Connect(string connectionId, string workspaceId, string userId, string displayName, WorkspaceRole role)
    {
        lock (_lock)
        {
            if (!_connections.TryAdd(connectionId, (workspaceId, userId)))
            {
                return false;
            }
            if (!_workspaces.TryGetValue(workspaceId, out var members))
            {
                _workspaces[workspaceId] = members = new(StringComparer.Ordinal);
            }
            if (members.TryGetValue(userId, out var member))
            {
                member.Connections.Add(connectionId);
                return false;
            }
            members[userId] = new Member(new OnlineOperator(userId, displayName, role, clock.GetUtcNow()), [connectionId]);
            return true;
        }
    }

    /// <summary>Forgets a closed connection: its workspace, and whether its user went offline there; null for a connection never counted.</summary>
    public (string WorkspaceId, bool WentOffline)? Disconnect(string connectionId)
    {
        lock (_lock)
        {
            if (!_connections.Remove(connectionId, out var owner))
            {
                return null;
            }
            var members = _workspaces[owner.WorkspaceId];
            var member = members[owner.UserId];
            member.Connections.Remove(connectionId);
            if (member.Connections.Count > 0)
            {
                return (owner.WorkspaceId, false);
            }
            members.Remove(owner.UserId);
            if (members.Count == 0)
            {
                _workspaces.Remove(owner.WorkspaceId);
            }
            return (owner.WorkspaceId, true);
        }
    }

    /// <summary>The members online in the workspace, by display name.</summary>
    public IReadOnlyList<OnlineOperator> Online(string workspaceId)
    {
        lock (_lock)
        {
            return _workspaces.TryGetValue(workspaceId, out var members)
                ? members.Values.Select(m => m.Operator).OrderBy(o => o.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(o => o.UserId, StringComparer.Ordinal).ToList()
                : [];
        }
    }

    /// <summary>Every open connection in the workspace.</summary>
    public IReadOnlyList<string> ConnectionsIn(string workspaceId) => Audience(workspaceId, _ => true).ConnectionIds;

    /// <summary>The online members of the workspace that <paramref name="includes"/> picks, and their open connections.</summary>
    public (IReadOnlyList<string> UserIds, IReadOnlyList<string> ConnectionIds) Audience(string workspaceId, Func<OnlineOperator, bool> includes)
    {
        lock (_lock)
        {
            if (!_workspaces.TryGetValue(workspaceId, out var members))
            {
                return ([], []);
            }
            var picked = members.Values.Where(m => includes(m.Operator)).ToList();
            return (picked.Select(m => m.Operator.UserId).ToList(), picked.SelectMany(m => m.Connections).ToList());
        }
    }

    Task<IReadOnlyList<OnlineOperator>> IOperatorPresence.OnlineAsync(string workspaceId, CancellationToken cancellationToken) =>
        Task.FromResult(Online(workspaceId));

    private sealed record Member(OnlineOperator Operator, HashSet<string> Connections);
}
