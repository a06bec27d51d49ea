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
/// <remarks>Reentrant: a host slow to take a popup must not hold up the others' connections; state changes between awaits.</remarks>
[Reentrant]
internal sealed partial class OperatorsGrain(IOptions<SiloOptions> options, IClusterMembershipService membership, ILogger<OperatorsGrain> logger)
    : Grain, IOperatorsGrain
{
    private readonly OperatorRoster _roster = new();
    private readonly HostSubscriptions<IOperatorsObserver> _hosts = new(options.Value.SubscriptionExpiry, membership, logger);

    private string WorkspaceId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Expired hosts are also forgotten at each call; the timer tells the others when no call comes.
        var renewal = options.Value.SubscriptionRenewal;
        this.RegisterGrainTimer(_ => PruneAsync(), renewal, renewal);
        return Task.CompletedTask;
    }

    public async Task Connect(SiloAddress host, IOperatorsObserver observer, OperatorConnection connection)
    {
        _hosts.Subscribe(host, observer);
        var pruned = Prune();
        if (_roster.Connect(host, connection) || pruned)
        {
            await AnnounceAsync();
        }
    }

    public async Task Disconnect(SiloAddress host, string connectionId)
    {
        if (_roster.Disconnect(host, connectionId) | Prune())
        {
            await AnnounceAsync();
        }
    }

    public async Task Report(SiloAddress host, IOperatorsObserver observer, IReadOnlyList<OperatorConnection> connections)
    {
        if (connections.Count == 0)
        {
            await Leave(host);
            return;
        }
        _hosts.Subscribe(host, observer);
        if (_roster.Replace(host, connections) | Prune())
        {
            await AnnounceAsync();
        }
    }

    public async Task Leave(SiloAddress host)
    {
        _hosts.Unsubscribe(host);
        if (_roster.Replace(host, []) | Prune())
        {
            await AnnounceAsync();
        }
    }

    public async Task<IReadOnlyList<OnlineOperator>> Online()
    {
        await PruneAsync();
        return _roster.Online();
    }

    public async Task<IReadOnlyList<string>> Show(PopupShown popup, IReadOnlyList<string>? userIds)
    {
        await PruneAsync();
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

    private async Task PruneAsync()
    {
        if (Prune())
        {
            await AnnounceAsync();
        }
    }

    /// <summary>Forgets the hosts whose subscription expired or whose silo is dead, with their connections; true when someone went offline.</summary>
    private bool Prune()
    {
        var gone = _hosts.Prune();
        // A host whose connections all closed unsubscribed; one still in the roster without a subscription is gone too.
        return _roster.Forget(gone.Concat(_roster.Hosts.Where(h => !_hosts.Hosts.ContainsKey(h)).ToList()));
    }

    /// <summary>Tells every host with connections in the workspace who is online now.</summary>
    private async Task AnnounceAsync()
    {
        var online = _roster.Online();
        var hosts = _roster.Hosts.Select(h => (Host: h, Observer: _hosts.Hosts.GetValueOrDefault(h))).Where(h => h.Observer is not null).ToList();
        await Task.WhenAll(hosts.Select(async h =>
        {
            try
            {
                await h.Observer!.OperatorsChanged(WorkspaceId, online);
            }
            catch (Exception e)
            {
                LogHostUnreachable(logger, WorkspaceId, h.Host, e);
            }
        }));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operators of workspace {WorkspaceId} on host {Host} could not be reached; the host stays until its subscription expires")]
    private static partial void LogHostUnreachable(ILogger logger, string workspaceId, SiloAddress host, Exception exception);
}
