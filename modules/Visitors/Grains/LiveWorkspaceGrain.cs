using Lookout.Visitors.Contracts;
using Lookout.Visitors.Live;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Utilities;

namespace Lookout.Visitors.Grains;

/// <summary>
/// Keeps when each visitor of one workspace was last seen (<see cref="LivePresence"/>, the same rules on every host) and
/// fans the hosts' reports out to the hosts subscribed to the workspace. It keeps nothing in storage: after a restart
/// visitors come back with their next heartbeat, and hosts with their next renewal.
/// </summary>
public sealed partial class LiveWorkspaceGrain(TimeProvider clock, ILogger<LiveWorkspaceGrain> logger) : Grain, ILiveWorkspaceGrain
{
    /// <summary>A host's subscription lapses this long after its last renewal (a host renews every <see cref="LiveVisitors.RenewalInterval"/>).</summary>
    public static readonly TimeSpan SubscriptionExpiry = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);
    private readonly Guid _activationId = Guid.NewGuid();
    private readonly Dictionary<LiveVisitorKey, LivePresence> _live = [];
    private readonly ObserverManager<ILiveWorkspaceObserver> _hosts = new(SubscriptionExpiry, logger) { GetDateTime = () => clock.GetUtcNow().UtcDateTime };

    private string WorkspaceId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(Sweep, SweepInterval, SweepInterval);
        return Task.CompletedTask;
    }

    public Task<Guid> Subscribe(ILiveWorkspaceObserver host)
    {
        _hosts.Subscribe(host, host);
        return Task.FromResult(_activationId);
    }

    public Task Report(IReadOnlyList<VisitorSummary> visitors)
    {
        ArgumentNullException.ThrowIfNull(visitors);
        foreach (var visitor in visitors)
        {
            var key = new LiveVisitorKey(visitor.SiteId, visitor.VisitorId);
            if (!_live.TryGetValue(key, out var presence) || !presence.TrySee(visitor.LastSeenAt, visitor.Left))
            {
                presence = new LivePresence(WorkspaceId);
                presence.TrySee(visitor.LastSeenAt, visitor.Left);
                _live[key] = presence;
            }
        }
        Tell(host => host.VisitorsChanged(visitors));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LiveVisitorKey>> GetLive()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult<IReadOnlyList<LiveVisitorKey>>(_live.Where(p => p.Value.IsLive(now)).Select(p => p.Key).ToList());
    }

    public Task<bool> IsLive(LiveVisitorKey visitor) =>
        Task.FromResult(_live.TryGetValue(visitor, out var presence) && presence.IsLive(clock.GetUtcNow()));

    public Task ForgetLead(string leadId)
    {
        Tell(host => host.LeadChanged(WorkspaceId, leadId));
        return Task.CompletedTask;
    }

    public Task Sweep()
    {
        var now = clock.GetUtcNow();
        var gone = _live.Where(p => p.Value.TryEnd(now)).Select(p => p.Key).ToList();
        foreach (var key in gone)
        {
            _live.Remove(key);
        }
        _hosts.ClearExpired();
        if (gone.Count > 0)
        {
            Tell(host => host.VisitorsGone(WorkspaceId, gone));
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sends to every subscribed host at once, none awaited within the turn: a host that is slow or dead holds up neither
    /// this grain nor the other hosts, and one whose call fails is dropped (it subscribes again if it is alive).
    /// </summary>
    private void Tell(Func<ILiveWorkspaceObserver, Task> message)
    {
        _hosts.ClearExpired();
        foreach (var host in _hosts.Observers.Values)
        {
            _ = TellAsync(host, message);
        }
    }

    private async Task TellAsync(ILiveWorkspaceObserver host, Func<ILiveWorkspaceObserver, Task> message)
    {
        try
        {
            await message(host);
        }
#pragma warning disable CA1031 // any failure of a host's observer drops it
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _hosts.Unsubscribe(host); // the continuation runs on the grain's scheduler, between its turns
            LogHostDropped(WorkspaceId, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A host watching the live view of workspace {WorkspaceId} did not answer; it is dropped until it subscribes again")]
    private partial void LogHostDropped(string workspaceId, Exception exception);
}
