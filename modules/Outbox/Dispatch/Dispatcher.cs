using System.Collections.Concurrent;
using Lookout.Contacts.Contracts;
using Lookout.Kernel.Plugins;
using Lookout.Outbox.Deliveries;
using Lookout.Outbox.Messages;
using Lookout.Plugins;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lookout.Outbox.Dispatch;

/// <summary>
/// Delivers what the outbox accepted. Each round it resolves the recipient specs that are due into deliveries, then
/// claims due deliveries per channel (as many as the channel has free slots) under a lease and sends each through
/// its channel; every attempt is opened in the delivery log when claimed and closed with its outcome, and a
/// delivery is recorded delivered in its own transaction as soon as the channel confirms. Between rounds it sleeps
/// until woken (an enqueue, a resend, a slot coming free) or until the poll interval passes.
/// </summary>
internal sealed partial class Dispatcher(
    OutboxStore store,
    IChannelRegistry channels,
    NotificationBuilder notifications,
    IRecipientResolver resolver,
    DispatchSignal signal,
    IOptions<OutboxOptions> settings,
    TimeProvider clock,
    ILogger<Dispatcher> logger) : IHostedService, IDisposable
{
    private const int MessagesPerRound = 16;

    private readonly OutboxOptions _options = settings.Value;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _attempts = new(StringComparer.Ordinal);
    private Task _rounds = Task.CompletedTask;
    private Task? _stop;
    private volatile bool _abandoned;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _rounds = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops claiming, cancels the attempts under way and waits (at most <see cref="OutboxOptions.StopTimeout"/> of
    /// wall-clock time) for them to close as interrupted. An attempt still running then is left to its lease, exactly
    /// as if the host had died: whatever its channel answers later is not recorded.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        // The host may stop twice at once, the second time after disposing this (the app's own Run() and a test
        // factory's dispose): both wait for one stop.
        lock (_lock)
        {
            return _stop ??= StopOnceAsync(cancellationToken);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _rounds;
        var running = _attempts.Values.ToArray();
        try
        {
            await Task.WhenAll(running).WaitAsync(_options.StopTimeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            LogAbandoned(logger, running.Count(t => !t.IsCompleted));
        }
        _abandoned = true;
    }

    /// <summary>Deliveries being attempted now on this host, per channel.</summary>
    public int InFlight(string channel)
    {
        lock (_lock)
        {
            return _inFlight.GetValueOrDefault(channel);
        }
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                var resolved = await ResolveDueMessagesAsync(stopping);
                var claimed = await ClaimDueDeliveriesAsync(stopping);
                busy = resolved || claimed;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be away for a moment: what is due stays due, the next round tries again.
                LogRoundFailed(logger, e);
            }
            if (!busy)
            {
                try
                {
                    await signal.WaitAsync(_options.PollInterval, clock, stopping);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Resolves the recipient specs of due messages into deliveries; true when there were any.</summary>
    private async Task<bool> ResolveDueMessagesAsync(CancellationToken stopping)
    {
        var now = Now();
        var messages = await store.ClaimMessagesAsync(MessagesPerRound, now, now + (long)_options.Lease.TotalMilliseconds, stopping);
        foreach (var message in messages)
        {
            var payload = MessagePayload.FromJson(message.Payload);
            IReadOnlyList<NewDelivery> deliveries;
            try
            {
                deliveries = payload.Spec is null
                    ? []
                    : RecipientFanOut.Deliveries(await resolver.ResolveAsync(message.WorkspaceId, payload.Spec, payload.Context, stopping), message.Channel);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                LogResolutionFailed(logger, message.Id, e);
                if (message.ResolveAttempts < _options.MaxAttempts)
                {
                    var delay = Backoff.Delay(message.ResolveAttempts, _options.FirstRetryDelay, _options.MaxRetryDelay, null, Random.Shared.NextDouble());
                    await store.RetryResolutionAsync(message, Now() + (long)delay.TotalMilliseconds, stopping);
                    continue;
                }
                deliveries = [NewDelivery.Unreachable("Every recipient", $"The recipients could not be resolved after {message.ResolveAttempts} attempts: {e.Message}")];
            }
            await store.CompleteResolutionAsync(message, deliveries, Now(), stopping);
        }
        return messages.Count > 0;
    }

    /// <summary>Claims due deliveries, per channel as many as it has free slots, and starts their attempts; true when it claimed any.</summary>
    private async Task<bool> ClaimDueDeliveriesAsync(CancellationToken stopping)
    {
        var now = Now();
        var claimedAny = false;
        foreach (var channel in await store.DueChannelsAsync(now, stopping))
        {
            var free = _options.ConcurrencyOf(channel) - InFlight(channel);
            if (free <= 0)
            {
                continue;
            }
            var claimed = await store.ClaimDeliveriesAsync(channel, free, now, now + (long)_options.Lease.TotalMilliseconds, stopping);
            if (claimed.Count == 0)
            {
                continue;
            }
            claimedAny = true;
            var payloads = await store.PayloadsAsync(claimed.Select(d => d.MessageId), stopping);
            foreach (var delivery in claimed)
            {
                Start(delivery, payloads.GetValueOrDefault(delivery.MessageId));
            }
        }
        return claimedAny;
    }

    private void Start(ClaimedDelivery delivery, MessagePayload? payload)
    {
        lock (_lock)
        {
            _inFlight[delivery.Channel] = _inFlight.GetValueOrDefault(delivery.Channel) + 1;
        }
        var key = $"{delivery.Id}:{delivery.AttemptNumber}";
        // Tracked before it starts, so that its own clean-up cannot run first.
        var attempt = new Task<Task>(() => AttemptAsync(delivery, payload, key));
        _attempts[key] = attempt.Unwrap();
        attempt.Start(TaskScheduler.Default);
    }

    private async Task AttemptAsync(ClaimedDelivery delivery, MessagePayload? payload, string key)
    {
        try
        {
            DeliveryResult result;
            try
            {
                result = await SendAsync(delivery, payload, _stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                if (!_abandoned)
                {
                    await store.ReleaseAsync(delivery, Now(), CancellationToken.None);
                }
                return;
            }
            if (!_abandoned)
            {
                await store.RecordAsync(delivery, StepAfter(delivery, result), Now(), CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            // Not recorded: the lease runs out and the delivery is attempted again (at least once, never lost).
            LogRecordFailed(logger, delivery.Id, e);
        }
        finally
        {
            lock (_lock)
            {
                _inFlight[delivery.Channel]--;
            }
            _attempts.TryRemove(key, out _);
            signal.Wake();
        }
    }

    /// <summary>One attempt: whatever goes wrong becomes a failure with a reason, except the host stopping.</summary>
    private async Task<DeliveryResult> SendAsync(ClaimedDelivery delivery, MessagePayload? payload, CancellationToken stopping)
    {
        var channel = channels.Find(delivery.Channel);
        if (channel is null)
        {
            return DeliveryResult.Permanent($"No loaded plugin provides the channel '{delivery.Channel}'.");
        }
        if (payload is null)
        {
            return DeliveryResult.Permanent("The message of this delivery is missing.");
        }
        using var timeout = new CancellationTokenSource(_options.SendTimeout, clock);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        try
        {
            var (notification, failure) = await notifications.BuildAsync(delivery, payload, attempt.Token);
            if (failure is not null)
            {
                return failure;
            }
            return await channel.SendAsync(notification!, attempt.Token) ?? DeliveryResult.Transient("The channel gave no result.");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"The channel did not answer within {_options.SendTimeout.TotalSeconds:0.###} seconds.");
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"The channel failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private DeliveryStep StepAfter(ClaimedDelivery delivery, DeliveryResult result)
    {
        var outcome = AttemptOutcome.Of(result.Outcome);
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                return new(outcome, null, DeliveryStatus.Delivered, null, null);
            case DeliveryOutcome.PermanentFailure:
                return new(outcome, result.Reason, DeliveryStatus.Dead, result.Reason, null);
            default:
                if (delivery.Attempts >= _options.MaxAttempts)
                {
                    return new(outcome, result.Reason, DeliveryStatus.Dead, $"Gave up after {delivery.Attempts} attempts. {result.Reason}", null);
                }
                var delay = Backoff.Delay(delivery.Attempts, _options.FirstRetryDelay, _options.MaxRetryDelay, result.RetryAfter, Random.Shared.NextDouble());
                return new(outcome, result.Reason, DeliveryStatus.Retrying, result.Reason, Now() + (long)delay.TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An outbox round failed; the next one tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The recipients of outbox message {MessageId} could not be resolved")]
    private static partial void LogResolutionFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The attempt on delivery {DeliveryId} could not be recorded; it is attempted again when its lease runs out")]
    private static partial void LogRecordFailed(ILogger logger, string deliveryId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox stopped with {Count} attempts still under way; their leases decide when they are attempted again")]
    private static partial void LogAbandoned(ILogger logger, int count);
}
