using Lookout.Kernel.Orleans;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Lookout.Kernel.Events;

/// <summary>
/// <see cref="IClusterEventsGrain"/>: keeps the subscribed hosts in memory (after a reactivation each host is back
/// within one renewal, and hears that it may have missed events) and hands each event to them all at once.
/// </summary>
/// <remarks>Reentrant: a host that is slow to answer must not hold up the events published after it.</remarks>
[Reentrant]
internal sealed partial class ClusterEventsGrain(IOptions<SiloOptions> options, IClusterMembershipService membership, ILogger<ClusterEventsGrain> logger)
    : Grain, IClusterEventsGrain
{
    private readonly HostSubscriptions<IClusterEventObserver> _hosts = new(options.Value.SubscriptionExpiry, membership, logger);

    public Task<bool> Subscribe(SiloAddress host, IClusterEventObserver observer)
    {
        _hosts.Prune();
        var known = _hosts.Hosts.ContainsKey(host);
        _hosts.Subscribe(host, observer);
        return Task.FromResult(known);
    }

    public Task Unsubscribe(SiloAddress host)
    {
        _hosts.Unsubscribe(host);
        return Task.CompletedTask;
    }

    public async Task Publish(SiloAddress origin, IClusterEvent message)
    {
        _hosts.Prune();
        var others = _hosts.Hosts.Where(h => !h.Key.Equals(origin)).ToList();
        await Task.WhenAll(others.Select(h => DeliverAsync(h.Key, h.Value, message)));
    }

    private async Task DeliverAsync(SiloAddress host, IClusterEventObserver observer, IClusterEvent message)
    {
        try
        {
            await observer.OnClusterEvent(message);
        }
        catch (Exception e)
        {
            LogDeliveryFailed(logger, message.GetType().Name, host, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Event} could not be handed to host {Host}; it stays subscribed until its subscription expires")]
    private static partial void LogDeliveryFailed(ILogger logger, string @event, SiloAddress host, Exception exception);
}
