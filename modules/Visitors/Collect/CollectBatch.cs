using Orleans;

namespace Lookout.Visitors.Collect;

/// <summary>What lookout.js sends in one request, after validation: bounded, typed, server-stamped.</summary>
/// <remarks>Immutable: a call to a grain on this host passes it without a copy.</remarks>
[GenerateSerializer, Immutable]
public sealed record CollectBatch(string SiteId, string WorkspaceId, string VisitorId, CollectContext Context, IReadOnlyList<TrackedEvent> Events);

/// <summary>Facts of the request, stamped by the server: never taken from the body.</summary>
[GenerateSerializer, Immutable]
public sealed record CollectContext(DateTimeOffset ReceivedAt, string? Ip, string? UserAgent, string? Origin);

/// <summary>One event of a batch; <see cref="At"/> is server time corrected by the client's own clock offsets.</summary>
[GenerateSerializer, Immutable]
public abstract record TrackedEvent(DateTimeOffset At);

[GenerateSerializer, Immutable]
public sealed record PageViewEvent(DateTimeOffset At, string PageId, string Url, string? Title, string? Referrer) : TrackedEvent(At);

[GenerateSerializer, Immutable]
public sealed record HeartbeatEvent(DateTimeOffset At, string PageId) : TrackedEvent(At);

[GenerateSerializer, Immutable]
public sealed record LeaveEvent(DateTimeOffset At, string PageId) : TrackedEvent(At);

[GenerateSerializer, Immutable]
public sealed record IdentifyEvent(DateTimeOffset At, string? Email, string? Name, string? Company, string? Phone) : TrackedEvent(At);

[GenerateSerializer, Immutable]
public sealed record CustomEvent(DateTimeOffset At, string Name, IReadOnlyDictionary<string, string> Props) : TrackedEvent(At);
