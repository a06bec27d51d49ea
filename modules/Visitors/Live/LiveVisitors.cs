using System.Collections.Concurrent;
using Lookout.Visitors.Contracts;
using Lookout.Visitors.Grains;
using Lookout.Visitors.Leads;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace Lookout.Visitors.Live;

/// <summary>A visitor in the live view: the grain's summary plus who the lead is and who owns it.</summary>
public sealed record LiveVisitor(VisitorSummary Visitor, string? SiteName, string? LeadName, string? LeadEmail, string? LeadCompany, string? OwnerName);

/// <summary>
/// This host's side of the live view. For each workspace whose operators are connected here (<see cref="LiveHub"/>) it
/// is subscribed to the workspace's <see cref="ILiveWorkspaceGrain"/>, which tells it of the visitors changed or gone on
/// any host of the cluster; it pushes them to those operators with the site's and the lead's names. A visitor with no
/// event for <see cref="Window"/> (three missed heartbeats), or who left and did not come back within
/// <see cref="LeaveGrace"/>, is gone.
/// </summary>
/// <remarks>
/// Who is live is the workspace grain's knowledge, which keeps only when each visitor was last seen; the rest of a
/// visitor is asked of its grain when an operator opens the view. Keeping each change's summary instead had every
/// visitor's entry point to a new object at every request, which the garbage collector rescans until it grows old
/// (bench/README.md).
/// </remarks>
public sealed partial class LiveVisitors(
    IHubContext<LiveHub> hub, IGrainFactory grains, LiveChangeReporter reporter, LeadStore leads, IUserDirectory users, ISiteDirectory sites,
    TimeProvider clock, ILogger<LiveVisitors> logger)
    : ILiveWorkspaceObserver, IHostedService, IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(45);
    public static readonly TimeSpan LeaveGrace = TimeSpan.FromSeconds(10);

    /// <summary>How often this host renews its subscriptions, well within <see cref="LiveWorkspaceGrain.SubscriptionExpiry"/>.</summary>
    public static readonly TimeSpan RenewalInterval = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _operatorsConnected = [];
    private readonly ConcurrentDictionary<string, Guid> _subscribedTo = new();
    private readonly ConcurrentDictionary<(string WorkspaceId, string LeadId), LeadLabel> _leads = new();
    private readonly ConcurrentDictionary<string, IClientProxy> _operators = new();
    private ILiveWorkspaceObserver? _self;
    private ITimer? _renewal;

    /// <summary>An operator of the workspace connected to this host: from now on this host is told of its visitors.</summary>
    public async Task WatchAsync(string workspaceId)
    {
        lock (_lock)
        {
            _operatorsConnected[workspaceId] = _operatorsConnected.GetValueOrDefault(workspaceId) + 1;
        }
        await SubscribeAsync(workspaceId).ConfigureAwait(false);
    }

    /// <summary>
    /// An operator of the workspace disconnected. After the last one the host stops renewing its subscription, which
    /// then lapses; it is not ended at once, since a reloading page connects again a moment later.
    /// </summary>
    public void Unwatch(string workspaceId)
    {
        lock (_lock)
        {
            var left = _operatorsConnected.GetValueOrDefault(workspaceId) - 1;
            if (left > 0)
            {
                _operatorsConnected[workspaceId] = left;
                return;
            }
            _operatorsConnected.Remove(workspaceId);
        }
        _subscribedTo.TryRemove(workspaceId, out _);
        ForgetLeads(workspaceId);
    }

    /// <summary>The visitors of the workspace on its sites now, on any host, as their grains describe them.</summary>
    public async Task<IReadOnlyList<LiveVisitor>> InWorkspaceAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await reporter.FlushAsync(workspaceId).ConfigureAwait(false);
        var keys = await grains.GetGrain<ILiveWorkspaceGrain>(workspaceId).GetLive().ConfigureAwait(false);
        var found = await Task.WhenAll(keys.Select(k => DescribeIfLiveAsync(workspaceId, k, cancellationToken))).ConfigureAwait(false);
        return found.OfType<LiveVisitor>().OrderByDescending(v => v.Visitor.LastSeenAt).ToList();
    }

    /// <summary>The visitor if it is on its site now, else null.</summary>
    public async Task<LiveVisitor?> FindAsync(string workspaceId, string siteId, string visitorId, CancellationToken cancellationToken)
    {
        await reporter.FlushAsync(workspaceId).ConfigureAwait(false);
        var key = new LiveVisitorKey(siteId, visitorId);
        return await grains.GetGrain<ILiveWorkspaceGrain>(workspaceId).IsLive(key).ConfigureAwait(false)
            ? await DescribeIfLiveAsync(workspaceId, key, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>A lead's name or owner changed: every host forgets what it kept of it, and the next change of its visitor shows the new one.</summary>
    public async Task ForgetLeadAsync(string workspaceId, string leadId)
    {
        _leads.TryRemove((workspaceId, leadId), out _);
        await grains.GetGrain<ILiveWorkspaceGrain>(workspaceId).ForgetLead(leadId).ConfigureAwait(false);
    }

    /// <summary>Ends the presence of the workspace's visitors gone by now, as the workspace grain's timer does.</summary>
    internal async Task SweepAsync(string workspaceId)
    {
        await reporter.FlushAsync(workspaceId).ConfigureAwait(false);
        await grains.GetGrain<ILiveWorkspaceGrain>(workspaceId).Sweep().ConfigureAwait(false);
    }

    public async Task VisitorsChanged(IReadOnlyList<VisitorSummary> visitors)
    {
        ArgumentNullException.ThrowIfNull(visitors);
        foreach (var visitor in visitors)
        {
            LiveVisitor live;
            try
            {
                live = await DescribeAsync(visitor, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // the live view shows the visitor without names rather than not at all
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogNamesFailed(visitor.VisitorId, exception);
                live = Describe(visitor, null, null);
            }
            await Operators(visitor.WorkspaceId).SendAsync("visitor", live).ConfigureAwait(false);
        }
    }

    public async Task VisitorsGone(string workspaceId, IReadOnlyList<LiveVisitorKey> visitors)
    {
        ArgumentNullException.ThrowIfNull(visitors);
        foreach (var visitor in visitors)
        {
            await Operators(workspaceId).SendAsync("visitorGone", visitor.SiteId, visitor.VisitorId).ConfigureAwait(false);
        }
    }

    public Task LeadChanged(string workspaceId, string leadId)
    {
        _leads.TryRemove((workspaceId, leadId), out _);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _renewal = clock.CreateTimer(_ => _ = RenewAsync(), null, RenewalInterval, RenewalInterval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _renewal?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _renewal?.Dispose();

    private async Task RenewAsync()
    {
        string[] watched;
        lock (_lock)
        {
            watched = [.. _operatorsConnected.Keys];
        }
        foreach (var workspaceId in watched)
        {
            await SubscribeAsync(workspaceId).ConfigureAwait(false);
        }
    }

    private async Task SubscribeAsync(string workspaceId)
    {
        try
        {
            // Created once, when the silo runs (one reference: the grain counts each as a host), and kept: Orleans
            // holds an observer object only weakly.
            ILiveWorkspaceObserver self;
            lock (_lock)
            {
                self = _self ??= grains.CreateObjectReference<ILiveWorkspaceObserver>(this);
            }
            var activation = await grains.GetGrain<ILiveWorkspaceGrain>(workspaceId).Subscribe(self).ConfigureAwait(false);
            if (_subscribedTo.TryGetValue(workspaceId, out var known) && known != activation)
            {
                ForgetLeads(workspaceId); // a new activation: a lead may have changed while no one told this host
            }
            _subscribedTo[workspaceId] = activation;
        }
#pragma warning disable CA1031 // the next renewal tries again
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogSubscribeFailed(workspaceId, exception);
        }
    }

    private bool IsWatched(string workspaceId)
    {
        lock (_lock)
        {
            return _operatorsConnected.ContainsKey(workspaceId);
        }
    }

    private void ForgetLeads(string workspaceId)
    {
        foreach (var key in _leads.Keys.Where(k => k.WorkspaceId == workspaceId))
        {
            _leads.TryRemove(key, out _);
        }
    }

    private IClientProxy Operators(string workspaceId) =>
        _operators.GetOrAdd(workspaceId, static (id, hub) => hub.Clients.Group(LiveHub.Group(id)), hub);

    private async Task<LiveVisitor?> DescribeIfLiveAsync(string workspaceId, LiveVisitorKey key, CancellationToken cancellationToken)
    {
        var visitor = await grains.GetGrain<IVisitorGrain>($"{key.SiteId}:{key.VisitorId}").GetSummary().ConfigureAwait(false);
        return visitor is null || visitor.WorkspaceId != workspaceId || !LivePresence.IsLive(visitor.LastSeenAt, visitor.Left, clock.GetUtcNow())
            ? null
            : await DescribeAsync(visitor, cancellationToken).ConfigureAwait(false);
    }

    private static LiveVisitor Describe(VisitorSummary visitor, string? siteName, LeadLabel? label) =>
        new(visitor, siteName, label?.Name, label?.Email, label?.Company, label?.OwnerName);

    // Names come from storage. A lead's are kept only while this host is subscribed to its workspace, since only then
    // is it told when they change.
    private async Task<LiveVisitor> DescribeAsync(VisitorSummary visitor, CancellationToken cancellationToken)
    {
        var site = await sites.FindByIdAsync(visitor.SiteId, cancellationToken).ConfigureAwait(false);
        LeadLabel? label = null;
        if (visitor.LeadId is not null && !_leads.TryGetValue((visitor.WorkspaceId, visitor.LeadId), out label)
            && await leads.FindAsync(visitor.WorkspaceId, visitor.LeadId, cancellationToken).ConfigureAwait(false) is { } lead)
        {
            var owner = lead.OwnerUserId is null ? null
                : (await users.DisplayNamesAsync(visitor.WorkspaceId, [lead.OwnerUserId], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(lead.OwnerUserId);
            label = new LeadLabel(lead.Name, lead.Email, lead.Company, owner);
            if (IsWatched(visitor.WorkspaceId))
            {
                _leads[(visitor.WorkspaceId, visitor.LeadId)] = label;
            }
        }
        return Describe(visitor, site?.Name, label);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Names for live visitor {VisitorId} could not be loaded")]
    private partial void LogNamesFailed(string visitorId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to the live view of workspace {WorkspaceId}; the next renewal tries again")]
    private partial void LogSubscribeFailed(string workspaceId, Exception exception);

    private sealed record LeadLabel(string? Name, string? Email, string? Company, string? OwnerName);
}
