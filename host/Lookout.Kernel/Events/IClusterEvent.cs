namespace Lookout.Kernel.Events;

/// <summary>
/// A kernel event every host of the cluster handles, not only the one that published it: what a host keeps in memory
/// (a cache of sites, compiled exclusions, saved plugin settings) and another host's request changed. Publishing one
/// runs this host's subscribers, then sends it to the other hosts, which run theirs. Such an event crosses hosts, so
/// its type is <c>[GenerateSerializer, Immutable]</c> and carries only what a subscriber needs to find what changed.
/// </summary>
public interface IClusterEvent;
