namespace Lookout.Visitors.Enrichment;

/// <summary>A visit that came from a search engine.</summary>
/// <param name="Engine">The engine's name as shown to users, e.g. <c>Google</c>, <c>Yahoo Japan</c>.</param>
/// <param name="Keywords">What the visitor searched for, when the engine still says (most no longer do).</param>
public sealed record SearchReferral(string Engine, string? Keywords);
