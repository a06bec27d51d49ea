namespace Lookout.Kernel.Events;

/// <summary>
/// Kernel event, on this host only: this host may have missed <see cref="IClusterEvent"/>s (the cluster forgot its
/// subscription for a while: the cluster-events grain moved to another host, or this host was cut off). Whoever keeps
/// in memory what cluster events refresh drops it, to read it again.
/// </summary>
public sealed record ClusterEventsMissed;
