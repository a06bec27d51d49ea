using Lookout.Exclusions.Matching;

namespace Lookout.Exclusions.Exclusions;

/// <summary>One exclusion of a workspace; <see cref="SiteId"/> null means every site of the workspace.</summary>
internal sealed record Exclusion(
    string Id,
    string WorkspaceId,
    string? SiteId,
    ExclusionKind Kind,
    string Pattern,
    string Note,
    bool Enabled,
    long HitCount,
    DateTimeOffset? LastHitAt);

/// <summary>What an admin sets on an exclusion.</summary>
internal sealed record ExclusionDraft(string? SiteId, ExclusionKind Kind, string Pattern, string Note, bool Enabled);

/// <summary>Hits counted in memory since the last flush.</summary>
internal sealed record HitTally(string WorkspaceId, string ExclusionId, long Count, long LastHitAt);
