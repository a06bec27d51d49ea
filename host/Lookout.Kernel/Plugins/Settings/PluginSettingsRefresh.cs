using Lookout.Kernel.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lookout.Kernel.Plugins.Settings;

/// <summary>
/// Reads the saved plugin settings as the host starts, before deliveries begin, and again when an admin saved some
/// through another host (<see cref="PluginSettingsChanged"/>), so that they apply here at once. It also reads them every
/// <see cref="Interval"/>, for a save whose event this host missed (it was cut off from the cluster for a moment).
/// </summary>
internal sealed partial class PluginSettingsRefresh(PluginSettingsTable table, SavedPluginSettings saved, TimeProvider clock, ILogger<PluginSettingsRefresh> logger)
    : IHostedLifecycleService, IEventSubscriber<PluginSettingsChanged>, IEventSubscriber<ClusterEventsMissed>, IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private Task _refreshing = Task.CompletedTask;
    private Task? _cancelled;

    public Task StartingAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _refreshing = RefreshPeriodicallyAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => CancelOnce();

    public async Task StopAsync(CancellationToken cancellationToken) => await _refreshing.ConfigureAwait(false);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task HandleAsync(PluginSettingsChanged message, CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    public Task HandleAsync(ClusterEventsMissed message, CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await CancelOnce().ConfigureAwait(false);
        await _refreshing.ConfigureAwait(false);
        _stopping.Dispose();
    }

    // The host may stop twice, the second time after disposing this (the app's own Run() and a test factory's
    // dispose): the source is cancelled once, and never touched once disposed.
    private Task CancelOnce()
    {
        lock (_lock)
        {
            return _cancelled ??= _stopping.CancelAsync();
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var (pluginId, values) in await table.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var current = saved.ValuesOf(pluginId);
            if (!Same(current, values))
            {
                saved.Replace(pluginId, values);
            }
        }
        var workspaces = await table.ReadWorkspacesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var ((workspaceId, pluginId), values) in workspaces)
        {
            if (saved.WorkspaceValuesOf(workspaceId, pluginId) is not { } current || !Same(current, values))
            {
                saved.ReplaceForWorkspace(workspaceId, pluginId, values);
            }
        }
        foreach (var gone in saved.WorkspaceValues.Select(w => w.Key).Where(key => !workspaces.ContainsKey(key)).ToList())
        {
            saved.ReplaceForWorkspace(gone.WorkspaceId, gone.PluginId, null);
        }
    }

    private static bool Same(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> values) =>
        current.Count == values.Count && values.All(v => current.TryGetValue(v.Key, out var known) && known == v.Value);

    private async Task RefreshPeriodicallyAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await RefreshAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRefreshFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saved plugin settings could not be read; the previous ones stay in use")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
