using Lookout.Kernel.Orleans;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Lookout.Workspaces.Operators;

/// <summary>
/// <see cref="IOperatorsGrain"/>: the workspace's <see cref="OperatorRoster"/> in memory (after a reactivation each host
/// is back within one renewal) and the hosts' observers, forgotten when their subscription expires.
/// </summary>
/// <remarks>Reentrant: a host slow to take a popup must not hold up the others' connections (state changes only between awaits).</remarks>
[Reentrant]
internal sealed partial class OperatorsGrain(IOptions<SiloOptions> options, IClusterMembershipService membership, ILogger<OperatorsGrain> logger)
    : Grain, IOperatorsGrain
{
    private readonly OperatorRoster _roster = new();
    private readonly HostSubscriptions<IOperatorsObserver> _hosts = new(options.Value.SubscriptionExpiry, membership, logger);
    private long _version;

    private string WorkspaceId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Expired hosts are also forgotten at each call; the timer tells the others when no call comes.
        var renewal = options.Value.SubscriptionRenewal;
        this.RegisterGrainTimer(_ => Changed(Prune()), renewal, renewal);
        return Task.CompletedTask;
    }

    public Task Connect(SiloAddress host, IOperatorsObserver observer, OperatorConnection connection)
    {
        _hosts.Subscribe(host, observer);
        var pruned = Prune();
        return Changed(_roster.Connect(host, connection) | pruned);
    }

    public Task Disconnect(SiloAddress host, string connectionId) => Changed(_roster.Disconnect(host, connectionId) | Prune());

    public Task Report(SiloAddress host, IOperatorsObserver observer, IReadOnlyList<OperatorConnection> connections)
    {
        if (connections.Count == 0)
        {
            return Leave(host);
        }
        _hosts.Subscribe(host, observer);
        return Changed(_roster.Replace(host, connections) | Prune());
    }

    public Task Leave(SiloAddress host)
    {
        _hosts.Unsubscribe(host);
        return Changed(_roster.Replace(host, []) | Prune());
    }

    public async Task<IReadOnlyList<OnlineOperator>> Online()
    {
        await Changed(Prune());
        return _roster.Online();
    }

    public async Task<IReadOnlyList<string>> Show(PopupShown popup, IReadOnlyList<string>? userIds)
    {
        await Changed(Prune());
        var chosen = userIds?.ToHashSet(StringComparer.Ordinal);
        var audience = _roster.Audience(member => chosen is null ? member.Role >= WorkspaceRole.Operator : chosen.Contains(member.UserId));
        var delivered = await Task.WhenAll(audience.Select(a => ShowOnAsync(a, popup)));
        return delivered.SelectMany(users => users).Distinct(StringComparer.Ordinal).ToList();
    }

    private async Task<IReadOnlyList<string>> ShowOnAsync(HostAudience audience, PopupShown popup)
    {
        if (!_hosts.Hosts.TryGetValue(audience.Host, out var observer))
        {
            return [];
        }
        try
        {
            await observer.ShowPopup(popup, audience.ConnectionIds);
            return audience.UserIds;
        }
        catch (Exception e)
        {
            LogHostUnreachable(logger, WorkspaceId, audience.Host, e);
            return [];
        }
    }

    /// <summary>Forgets the hosts whose subscription expired or whose silo is dead, with their connections; true when someone went offline.</summary>
    private bool Prune()
    {
        var gone = _hosts.Prune();
        // A host whose connections all closed unsubscribed; one still in the roster without a subscription is gone too.
        return _roster.Forget(gone.Concat(_roster.Hosts.Where(h => !_hosts.Hosts.ContainsKey(h)).ToList()));
    }

    /// <summary>When someone came online or went offline: tells every host with connections in the workspace who is online now, without waiting for them.</summary>
    private Task Changed(bool someoneCameOrWent)
    {
        if (!someoneCameOrWent)
        {
            return Task.CompletedTask;
        }
        // Versions grow across activations too: a new activation starts from the clock.
        _version = Math.Max(_version + 1, DateTime.UtcNow.Ticks);
        var online = _roster.Online();
        foreach (var host in _roster.Hosts)
        {
            if (_hosts.Hosts.TryGetValue(host, out var observer))
            {
                observer.OperatorsChanged(WorkspaceId, _version, online).Ignore();
            }
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operators of workspace {WorkspaceId} on host {Host} could not be reached; the host stays until its subscription expires")]
    private static partial void LogHostUnreachable(ILogger logger, string workspaceId, SiloAddress host, Exception exception);
}
