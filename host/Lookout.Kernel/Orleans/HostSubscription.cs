using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Lookout.Kernel.Orleans;

/// <summary>
/// This host's subscription to a grain that fans out to hosts (<see cref="HostSubscriptions{TObserver}"/>): made once
/// the silo is active, renewed every <see cref="SiloOptions.SubscriptionRenewal"/>, ended as the silo stops.
/// </summary>
/// <remarks>Renewal runs on the wall clock, as the grain's expiry does.</remarks>
public abstract partial class HostSubscription(TimeSpan renewal, ILogger logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan EndWait = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stopping = new();
    private Task _renewing = Task.CompletedTask;

    /// <summary>What this host subscribes to, for logs.</summary>
    protected abstract string Subject { get; }

    /// <summary>Subscribes this host, or renews its subscription.</summary>
    protected abstract Task RenewAsync(CancellationToken cancellationToken);

    /// <summary>Unsubscribes this host.</summary>
    protected abstract Task EndAsync();

    public void Participate(ISiloLifecycle observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        observer.Subscribe(GetType().Name, ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping.Dispose();
        }
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryRenewAsync(cancellationToken).ConfigureAwait(false);
        _renewing = RenewPeriodicallyAsync(_stopping.Token);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
        try
        {
            await EndAsync().WaitAsync(EndWait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The other hosts forget this one when its subscription expires.
            LogEndFailed(logger, Subject, e);
        }
    }

    private async Task RenewPeriodicallyAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(renewal);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await TryRenewAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task TryRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RenewAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRenewalFailed(logger, Subject, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "This host's subscription to {Subject} could not be renewed; it tries again at the next renewal")]
    private static partial void LogRenewalFailed(ILogger logger, string subject, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "This host's subscription to {Subject} could not be ended; it expires")]
    private static partial void LogEndFailed(ILogger logger, string subject, Exception exception);
}
