using Orleans;
using Orleans.Runtime;

namespace Lookout.Kernel.Events;

/// <summary>
/// The hosts of the cluster that handle <see cref="IClusterEvent"/>s, each through its <see cref="IClusterEventObserver"/>;
/// one for the whole cluster, keyed <see cref="Key"/>. A host renews its subscription periodically; one not renewed
/// within <c>Orleans:SubscriptionExpiry</c>, or whose silo the cluster declared dead, is forgotten.
/// </summary>
public interface IClusterEventsGrain : IGrainWithStringKey
{
    /// <summary>The key of the cluster's one grain.</summary>
    const string Key = "cluster";

    /// <summary>
    /// Subscribes <paramref name="host"/>, or renews its subscription; false when it was not subscribed (this grain was
    /// reactivated, or the host's subscription expired), so that events may have passed it by.
    /// </summary>
    Task<bool> Subscribe(SiloAddress host, IClusterEventObserver observer);

    /// <summary>Forgets <paramref name="host"/> (it is stopping).</summary>
    Task Unsubscribe(SiloAddress host);

    /// <summary>Hands the event to every subscribed host but <paramref name="origin"/>; a host that cannot be reached is logged and skipped.</summary>
    Task Publish(SiloAddress origin, IClusterEvent message);
}

/// <summary>A host's receiver of <see cref="IClusterEvent"/>s published on other hosts.</summary>
public interface IClusterEventObserver : IGrainObserver
{
    /// <summary>Runs this host's subscribers of the event.</summary>
    Task OnClusterEvent(IClusterEvent message);
}
