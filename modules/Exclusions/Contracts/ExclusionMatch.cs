namespace Lookout.Exclusions.Contracts;

/// <summary>The exclusion that leaves a subject out.</summary>
/// <param name="ExclusionId">The exclusion's id.</param>
/// <param name="Kind">Its kind: <c>Page</c>, <c>Ip</c>, <c>Referrer</c>, <c>SearchKeywords</c>, <c>Country</c> or <c>UserAgent</c>.</param>
/// <param name="Pattern">Its whole <c>;</c>-separated pattern, as the admin typed it.</param>
public sealed record ExclusionMatch(string ExclusionId, string Kind, string Pattern);
