using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Utilities;

namespace Lookout.Kernel.Orleans;

/// <summary>
/// The hosts subscribed to a grain, one observer each, for a grain that fans out to hosts. A host renews its
/// subscription every <see cref="SiloOptions.SubscriptionRenewal"/>; <see cref="Prune"/> forgets one that has not for
/// <see cref="SiloOptions.SubscriptionExpiry"/> (it was killed, or cut off), or whose silo the cluster declared dead.
/// </summary>
/// <remarks>Expiry runs on the wall clock, not the host's <see cref="TimeProvider"/>: it measures whether a host is alive.</remarks>
public sealed class HostSubscriptions<TObserver>(TimeSpan expiry, IClusterMembershipService membership, ILogger logger)
    where TObserver : IGrainObserver
{
    private readonly ObserverManager<SiloAddress, TObserver> _observers = new(expiry, logger);

    /// <summary>The hosts subscribed now (call <see cref="Prune"/> first) and their observers.</summary>
    public IReadOnlyDictionary<SiloAddress, TObserver> Hosts => _observers.Observers;

    /// <summary>Subscribes the host or renews its subscription.</summary>
    public void Subscribe(SiloAddress host, TObserver observer) => _observers.Subscribe(host, observer);

    /// <summary>Forgets the host.</summary>
    public void Unsubscribe(SiloAddress host) => _observers.Unsubscribe(host);

    /// <summary>Forgets the hosts whose subscriptions expired or whose silos are dead; returns them.</summary>
    public IReadOnlyList<SiloAddress> Prune()
    {
        var before = _observers.Observers.Keys.ToList();
        _observers.ClearExpired();
        var snapshot = membership.CurrentSnapshot;
        foreach (var host in _observers.Observers.Keys.Where(h => snapshot.GetSiloStatus(h) == SiloStatus.Dead).ToList())
        {
            _observers.Unsubscribe(host);
        }
        var after = _observers.Observers;
        return before.Where(h => !after.ContainsKey(h)).ToList();
    }
}
