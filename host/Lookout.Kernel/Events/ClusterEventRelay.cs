using Lookout.Kernel.Orleans;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Lookout.Kernel.Events;

/// <summary>
/// This host's link to <see cref="IClusterEventsGrain"/>: sends the <see cref="IClusterEvent"/>s published here to the
/// other hosts and runs the subscribers of those published there. Registered with the silo only: a kernel without
/// one keeps its events to itself.
/// </summary>
internal sealed partial class ClusterEventRelay(
    IGrainFactory grains, ILocalSiloDetails silo, EventBus events, IOptions<SiloOptions> options, ILogger<ClusterEventRelay> logger)
    : HostSubscription(options.Value.SubscriptionRenewal, logger), IClusterEventObserver
{
    /// <summary>How long a publisher waits for the other hosts to have handled its event, at most.</summary>
    public static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(5);

    private IClusterEventObserver? _reference;
    private bool _subscribed;

    protected override string Subject => "cluster events";

    private IClusterEventsGrain Grain => grains.GetGrain<IClusterEventsGrain>(IClusterEventsGrain.Key);

    /// <summary>
    /// Hands the event to the other hosts and waits until they have handled it (at most <see cref="DeliveryWait"/>), so that
    /// a change answered to an admin already applies everywhere. Never throws: the change is stored, and a host that
    /// missed it is logged.
    /// </summary>
    public async Task SendToOthersAsync(IClusterEvent message, CancellationToken cancellationToken)
    {
        try
        {
            await Grain.Publish(silo.SiloAddress, message).WaitAsync(DeliveryWait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSendFailed(logger, message.GetType().Name, e);
        }
    }

    public Task OnClusterEvent(IClusterEvent message) => events.RunLocalAsync(message, CancellationToken.None);

    protected override async Task RenewAsync(CancellationToken cancellationToken)
    {
        var known = await Grain.Subscribe(silo.SiloAddress, _reference ??= grains.CreateObjectReference<IClusterEventObserver>(this)).ConfigureAwait(false);
        if (!known && _subscribed)
        {
            LogResubscribed(logger);
            await events.PublishAsync(new ClusterEventsMissed(), cancellationToken).ConfigureAwait(false);
        }
        _subscribed = true;
    }

    protected override Task EndAsync() => Grain.Unsubscribe(silo.SiloAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "This host subscribed to cluster events again; what it keeps in memory is read again")]
    private static partial void LogResubscribed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Event} may not have reached every other host")]
    private static partial void LogSendFailed(ILogger logger, string @event, Exception exception);
}
