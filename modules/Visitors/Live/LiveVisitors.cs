using System.Collections.Concurrent;
using Lookout.Visitors.Contracts;
using Lookout.Visitors.Leads;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lookout.Visitors.Live;

/// <summary>A visitor in the live view: the grain's summary plus who the lead is and who owns it.</summary>
public sealed record LiveVisitor(VisitorSummary Visitor, string? SiteName, string? LeadName, string? LeadEmail, string? LeadCompany, string? OwnerName);

/// <summary>
/// Who is on the sites now, per workspace, pushed to operators over <see cref="LiveHub"/> as grains report changes.
/// A visitor with no event for <see cref="Window"/> (three missed heartbeats), or who left and did not come back
/// within <see cref="LeaveGrace"/>, is gone.
/// </summary>
public sealed partial class LiveVisitors(IHubContext<LiveHub> hub, LeadStore leads, IUserDirectory users, ISiteDirectory sites, TimeProvider clock, ILogger<LiveVisitors> logger)
    : IVisitorObserver, IHostedService, IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(45);
    public static readonly TimeSpan LeaveGrace = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<(string SiteId, string VisitorId), LiveVisitor> _now = new();
    private readonly ConcurrentDictionary<string, LeadLabel> _leads = new();
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
        var live = new LiveVisitor(visitor, site?.Name, label?.Name, label?.Email, label?.Company, label?.OwnerName);
        _now[(visitor.SiteId, visitor.VisitorId)] = live;
        _ = hub.Clients.Group(LiveHub.Group(visitor.WorkspaceId)).SendAsync("visitor", live);
        if ((visitor.LeadId is not null && label is null) || site is null)
        {
            _ = CompleteLaterAsync(visitor, pending ?? Task.FromResult(site));
        }
    }

    /// <summary>The visitors of the workspace on its sites now.</summary>
    public IReadOnlyList<LiveVisitor> InWorkspace(string workspaceId) =>
        _now.Values.Where(v => v.Visitor.WorkspaceId == workspaceId && IsLive(v.Visitor, clock.GetUtcNow()))
            .OrderByDescending(v => v.Visitor.LastSeenAt).ToList();

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
        foreach (var (key, live) in _now)
        {
            if (!IsLive(live.Visitor, now) && _now.TryRemove(new KeyValuePair<(string, string), LiveVisitor>(key, live)))
            {
                _ = hub.Clients.Group(LiveHub.Group(live.Visitor.WorkspaceId)).SendAsync("visitorGone", key.SiteId, key.VisitorId);
            }
        }
    }

    private static bool IsLive(VisitorSummary visitor, DateTimeOffset now) =>
        now - visitor.LastSeenAt < (visitor.Left ? LeaveGrace : Window);

    // Names come from storage: looked up once, off the grain's turn, then pushed again.
    private async Task CompleteLaterAsync(VisitorSummary visitor, Task<SiteInfo?> site)
    {
        try
        {
            var siteName = (await site)?.Name;
            LeadLabel? label = null;
            if (visitor.LeadId is not null && await leads.FindAsync(visitor.WorkspaceId, visitor.LeadId, CancellationToken.None) is { } lead)
            {
                var owner = lead.OwnerUserId is null ? null
                    : (await users.DisplayNamesAsync(visitor.WorkspaceId, [lead.OwnerUserId], CancellationToken.None)).GetValueOrDefault(lead.OwnerUserId);
                label = new LeadLabel(lead.Name, lead.Email, lead.Company, owner);
                _leads[visitor.LeadId] = label;
            }
            var key = (visitor.SiteId, visitor.VisitorId);
            if (_now.TryGetValue(key, out var current) && current.Visitor == visitor)
            {
                var live = current with { SiteName = siteName, LeadName = label?.Name, LeadEmail = label?.Email, LeadCompany = label?.Company, OwnerName = label?.OwnerName };
                _now[key] = live;
                await hub.Clients.Group(LiveHub.Group(visitor.WorkspaceId)).SendAsync("visitor", live);
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
