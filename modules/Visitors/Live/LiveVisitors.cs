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
/// Who is on the sites now, per workspace, pushed to operators over <see cref="LiveHub"/> as grains report changes.
/// A visitor with no event for <see cref="Window"/> (three missed heartbeats), or who left and did not come back
/// within <see cref="LeaveGrace"/>, is gone.
/// </summary>
/// <remarks>
/// It keeps only when each visitor was last seen, in an entry changed in place; the rest of a visitor is asked of its
/// grain when an operator opens the view. Keeping each change's summary instead had every visitor's entry point to a
/// new object at every request, which the garbage collector rescans until it grows old (bench/README.md).
/// </remarks>
public sealed partial class LiveVisitors(
    IHubContext<LiveHub> hub, IGrainFactory grains, LeadStore leads, IUserDirectory users, ISiteDirectory sites, TimeProvider clock, ILogger<LiveVisitors> logger)
    : IVisitorObserver, IHostedService, IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(45);
    public static readonly TimeSpan LeaveGrace = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<(string SiteId, string VisitorId), LivePresence> _now = new();
    private readonly ConcurrentDictionary<string, LeadLabel> _leads = new();
    private readonly ConcurrentDictionary<string, IClientProxy> _operators = new();
    private ITimer? _sweeper;

    public void OnVisitorChanged(VisitorSummary visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        var label = visitor.LeadId is null ? null : _leads.GetValueOrDefault(visitor.LeadId);
        // The site is almost always in the directory's memory; a first lookup completes later.
        SiteInfo? site = null;
        Task<SiteInfo?>? pending = null;
        var lookup = sites.FindByIdAsync(visitor.SiteId, CancellationToken.None);
        if (lookup.IsCompletedSuccessfully)
        {
            site = lookup.Result;
        }
        else
        {
            pending = lookup.AsTask();
        }
        var key = (visitor.SiteId, visitor.VisitorId);
        if (!_now.GetOrAdd(key, static (_, workspaceId) => new LivePresence(workspaceId), visitor.WorkspaceId).TrySee(visitor.LastSeenAt, visitor.Left))
        {
            // The sweep ended this presence a moment ago: the visitor is back, in a new one.
            var back = new LivePresence(visitor.WorkspaceId);
            back.TrySee(visitor.LastSeenAt, visitor.Left);
            _now[key] = back;
        }
        _ = Operators(visitor.WorkspaceId).SendAsync("visitor", Describe(visitor, site?.Name, label));
        if ((visitor.LeadId is not null && label is null) || site is null)
        {
            _ = CompleteLaterAsync(visitor, pending);
        }
    }

    /// <summary>The visitors of the workspace on its sites now, as their grains describe them.</summary>
    public async Task<IReadOnlyList<LiveVisitor>> InWorkspaceAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var keys = _now.Where(p => p.Value.WorkspaceId == workspaceId).Select(p => p.Key).ToList();
        var found = await Task.WhenAll(keys.Select(k => FindAsync(k.SiteId, k.VisitorId, cancellationToken))).ConfigureAwait(false);
        return found.OfType<LiveVisitor>().OrderByDescending(v => v.Visitor.LastSeenAt).ToList();
    }

    /// <summary>The visitor if it is on its site now, else null.</summary>
    public async Task<LiveVisitor?> FindAsync(string siteId, string visitorId, CancellationToken cancellationToken)
    {
        if (!_now.TryGetValue((siteId, visitorId), out var presence) || !presence.IsLive(clock.GetUtcNow()))
        {
            return null;
        }
        var visitor = await grains.GetGrain<IVisitorGrain>($"{siteId}:{visitorId}").GetSummary().ConfigureAwait(false);
        return visitor is null || !LivePresence.IsLive(visitor.LastSeenAt, visitor.Left, clock.GetUtcNow()) ? null : await DescribeAsync(visitor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets what is known of a lead (its name or owner changed); the next change of its visitor shows the new one.</summary>
    public void ForgetLead(string leadId) => _leads.TryRemove(leadId, out _);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _sweeper = clock.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _sweeper?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _sweeper?.Dispose();

    internal void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, presence) in _now)
        {
            if (presence.TryEnd(now))
            {
                _now.TryRemove(new KeyValuePair<(string, string), LivePresence>(key, presence));
                _ = Operators(presence.WorkspaceId).SendAsync("visitorGone", key.SiteId, key.VisitorId);
            }
        }
    }

    private IClientProxy Operators(string workspaceId) =>
        _operators.GetOrAdd(workspaceId, static (id, hub) => hub.Clients.Group(LiveHub.Group(id)), hub);

    private static LiveVisitor Describe(VisitorSummary visitor, string? siteName, LeadLabel? label) =>
        new(visitor, siteName, label?.Name, label?.Email, label?.Company, label?.OwnerName);

    // Names come from storage (and are kept): looked up off the grain's turn.
    private async Task<LiveVisitor> DescribeAsync(VisitorSummary visitor, CancellationToken cancellationToken)
    {
        var site = await sites.FindByIdAsync(visitor.SiteId, cancellationToken).ConfigureAwait(false);
        LeadLabel? label = null;
        if (visitor.LeadId is not null && !_leads.TryGetValue(visitor.LeadId, out label)
            && await leads.FindAsync(visitor.WorkspaceId, visitor.LeadId, cancellationToken).ConfigureAwait(false) is { } lead)
        {
            var owner = lead.OwnerUserId is null ? null
                : (await users.DisplayNamesAsync(visitor.WorkspaceId, [lead.OwnerUserId], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(lead.OwnerUserId);
            label = new LeadLabel(lead.Name, lead.Email, lead.Company, owner);
            _leads[visitor.LeadId] = label;
        }
        return Describe(visitor, site?.Name, label);
    }

    // The push without names goes first; then the visitor as its grain has it now goes again, with the names loaded.
    private async Task CompleteLaterAsync(VisitorSummary visitor, Task<SiteInfo?>? site)
    {
        try
        {
            if (site is not null)
            {
                await site.ConfigureAwait(false); // the site lookup under way: FindAsync then finds it cached
            }
            if (await FindAsync(visitor.SiteId, visitor.VisitorId, CancellationToken.None).ConfigureAwait(false) is { } live)
            {
                await Operators(visitor.WorkspaceId).SendAsync("visitor", live).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // the live view shows the visitor without names rather than failing
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogNamesFailed(visitor.VisitorId, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Names for live visitor {VisitorId} could not be loaded")]
    private partial void LogNamesFailed(string visitorId, Exception exception);

    private sealed record LeadLabel(string? Name, string? Email, string? Company, string? OwnerName);
}
