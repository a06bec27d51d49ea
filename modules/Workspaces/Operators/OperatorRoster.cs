using Lookout.Workspaces.Contracts;
using Orleans.Runtime;

namespace Lookout.Workspaces.Operators;

/// <summary>
/// The open connections of one workspace on each host, and who is online from them: a member is online while at least
/// one of their connections is open on some host. <see cref="OperatorsGrain"/> keeps one; each change says whether
/// someone came online or went offline, which is when the operators are told.
/// </summary>
internal sealed class OperatorRoster
{
    private readonly Dictionary<SiloAddress, Dictionary<string, OperatorConnection>> _hosts = [];

    /// <summary>The hosts with open connections.</summary>
    public IReadOnlyCollection<SiloAddress> Hosts => _hosts.Keys;

    /// <summary>Counts a connection; true when it brought its member online.</summary>
    public bool Connect(SiloAddress host, OperatorConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return ChangesOnline(() =>
        {
            if (!_hosts.TryGetValue(host, out var connections))
            {
                _hosts[host] = connections = new(StringComparer.Ordinal);
            }
            connections[connection.ConnectionId] = connection;
        });
    }

    /// <summary>Forgets a connection; true when its member went offline.</summary>
    public bool Disconnect(SiloAddress host, string connectionId) =>
        ChangesOnline(() =>
        {
            if (_hosts.TryGetValue(host, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
            {
                _hosts.Remove(host);
            }
        });

    /// <summary>Takes the host's connections as it reports them; true when someone came online or went offline.</summary>
    public bool Replace(SiloAddress host, IReadOnlyList<OperatorConnection> connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        return ChangesOnline(() =>
        {
            if (connections.Count == 0)
            {
                _hosts.Remove(host);
            }
            else
            {
                _hosts[host] = connections.ToDictionary(c => c.ConnectionId, StringComparer.Ordinal);
            }
        });
    }

    /// <summary>Forgets the hosts and their connections; true when someone went offline.</summary>
    public bool Forget(IEnumerable<SiloAddress> hosts) =>
        ChangesOnline(() =>
        {
            foreach (var host in hosts)
            {
                _hosts.Remove(host);
            }
        });

    /// <summary>The members online, by display name (as it was when they came online).</summary>
    public IReadOnlyList<OnlineOperator> Online() =>
        _hosts.Values.SelectMany(h => h.Values)
            .GroupBy(c => c.UserId, StringComparer.Ordinal)
            .Select(member => member.MinBy(c => c.ConnectedAt)!)
            .Select(first => new OnlineOperator(first.UserId, first.DisplayName, first.Role, first.ConnectedAt))
            .OrderBy(o => o.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(o => o.UserId, StringComparer.Ordinal)
            .ToList();

    /// <summary>The connections, host by host, of the online members that <paramref name="includes"/> picks.</summary>
    public IReadOnlyList<HostAudience> Audience(Func<OnlineOperator, bool> includes)
    {
        var picked = Online().Where(includes).Select(o => o.UserId).ToHashSet(StringComparer.Ordinal);
        return _hosts
            .Select(h => (Host: h.Key, Connections: h.Value.Values.Where(c => picked.Contains(c.UserId)).ToList()))
            .Where(h => h.Connections.Count > 0)
            .Select(h => new HostAudience(
                h.Host, h.Connections.Select(c => c.UserId).Distinct(StringComparer.Ordinal).ToList(), h.Connections.Select(c => c.ConnectionId).ToList()))
            .ToList();
    }

    private bool ChangesOnline(Action change)
    {
        var before = OnlineUserIds();
        change();
        return !before.SetEquals(OnlineUserIds());
    }

    private HashSet<string> OnlineUserIds() => _hosts.Values.SelectMany(h => h.Values).Select(c => c.UserId).ToHashSet(StringComparer.Ordinal);
}

/// <summary>The members a popup reaches on one host, and their connections there.</summary>
internal sealed record HostAudience(SiloAddress Host, IReadOnlyList<string> UserIds, IReadOnlyList<string> ConnectionIds);
