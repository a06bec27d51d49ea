using Lookout.Exclusions.Exclusions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lookout.Exclusions.Hits;

/// <summary>
/// Writes the counted hits to <c>ex_exclusions</c> every <see cref="ExclusionsOptions.HitFlushInterval"/>, and a last
/// time once the host has stopped (after the grain runtime, so hits counted while visitors deactivate are kept).
/// </summary>
internal sealed partial class HitFlusher(
    HitCounter counter, ExclusionStore store, IOptions<ExclusionsOptions> options, TimeProvider clock, ILogger<HitFlusher> logger)
    : IHostedLifecycleService, IAsyncDisposable
{
    // Never disposed: a flush still waiting on it when the host is torn down must not hang.
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private ITimer? _timer;
    private int _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.HitFlushInterval;
        _timer = clock.CreateTimer(_ => _ = FlushLoggingErrorsAsync(), null, interval, interval);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        // Once, even when the host is stopped twice (as WebApplicationFactory does) and the second stop races the first.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }
        await FlushLoggingErrorsAsync();
    }

    /// <summary>Writes every count taken so far; on failure the counts go back to the counter for the next try.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            var tallies = counter.Take();
            if (tallies.Count == 0)
            {
                return;
            }
            try
            {
                await store.AddHitsAsync(tallies, cancellationToken);
            }
            catch
            {
                counter.Restore(tallies);
                throw;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }
    }

    private async Task FlushLoggingErrorsAsync()
    {
        try
        {
            await FlushAsync(CancellationToken.None);
        }
#pragma warning disable CA1031 // A failed flush is retried by the next tick (and reported when it was the last).
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFlushFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write exclusion hit counts; the next flush, if any, tries again")]
    private partial void LogFlushFailed(Exception exception);
}
