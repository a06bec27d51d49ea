using Lookout.Kernel.Events;
using Orleans;

namespace Lookout.Exclusions.Contracts;

/// <summary>Kernel event: an exclusion of the workspace was created, changed or deleted; every host recompiles the workspace's rules.</summary>
[GenerateSerializer, Immutable]
public sealed record ExclusionsChanged(string WorkspaceId) : IClusterEvent;
