using System.Collections.Concurrent;
using Lookout.Visitors.Contracts;
using Lookout.Visitors.Grains;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace Lookout.Visitors.Live;

/// <summary>
/// Collects the changes of the visitor grains running on this host and reports them to each workspace's
/// <see cref="ILiveWorkspaceGrain"/> in one call per workspace every <see cref="Interval"/>: /collect never waits for
/// another host, and a visitor who changed several times in between is reported once, as it is now.
/// </summary>
public sealed partial class LiveChangeReporter(IGrainFactory grains, TimeProvider clock, ILogger<LiveChangeReporter> logger)
    : BackgroundService, IVisitorObserver
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Per workspace, the latest summary of each visitor that changed since the last report.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<LiveVisitorKey, VisitorSummary>> _changed = new();

    /// <summary>
    /// One report at a time per workspace, so that a newer summary never arrives before an older one. Never disposed:
    /// a report still under way at shutdown may release its gate, and a gate holds no wait handle unless asked for one.
    /// </summary>
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _reporting = new();

    public void OnVisitorChanged(VisitorSummary visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        _changed.GetOrAdd(visitor.WorkspaceId, static _ => new())[new LiveVisitorKey(visitor.SiteId, visitor.VisitorId)] = visitor;
    }

    /// <summary>Reports what changed in the workspace on this host now, so that a read that follows sees it.</summary>
    public async Task FlushAsync(string workspaceId)
    {
        try
        {
            await ReportAsync(workspaceId).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a read goes on with what the workspace grain knows
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogReportFailed(workspaceId, exception);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            foreach (var (workspaceId, changed) in _changed)
            {
                // A workspace whose last report is still under way waits for the next round, its changes merged.
                if (!changed.IsEmpty && _reporting.GetOrAdd(workspaceId, static _ => new SemaphoreSlim(1, 1)).CurrentCount > 0)
                {
                    _ = FlushAsync(workspaceId);
                }
            }
        }
    }

    private async Task ReportAsync(string workspaceId)
    {
        if (!_changed.TryGetValue(workspaceId, out var changed) || changed.IsEmpty)
        {
            return;
        }
        var gate = _reporting.GetOrAdd(workspaceId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var batch = new List<VisitorSummary>();
            foreach (var change in changed)
            {
                // Removed only if no newer summary replaced it meanwhile; a newer one goes in the next report.
                if (changed.TryRemove(change))
                {
                    batch.Add(change.Value);
                }
            }
            if (batch.Count > 0)
            {
                await grains.GetGrain<ILiveWorkspaceGrain>(workspaceId).Report(batch).ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live visitors of workspace {WorkspaceId} could not be reported; their next change is")]
    private partial void LogReportFailed(string workspaceId, Exception exception);
}
