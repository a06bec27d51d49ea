namespace Lookout.Exclusions.Contracts;

/// <summary>
/// Tells ingestion whether a page view is left out. Called for every tracked event: answers from rules compiled once
/// per change of the workspace's exclusions, and counts a hit on the exclusion that matched.
/// </summary>
public interface IExclusionPolicy
{
    /// <summary>The first enabled exclusion (workspace-wide or of the subject's site) that matches, or null when none does.</summary>
    /// <remarks>The first call for a workspace reads its exclusions from the database, and throws if that fails; the next call tries again.</remarks>
    ValueTask<ExclusionMatch?> MatchAsync(ExclusionSubject subject, CancellationToken ct);
}
