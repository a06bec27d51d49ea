using Lookout.Exclusions.Contracts;
using Lookout.Exclusions.Hits;
using Lookout.Exclusions.Exclusions;

namespace Lookout.Exclusions.Matching;

/// <summary>An enabled exclusion with its parsed pattern, its answer and its hit cell, all made once.</summary>
internal sealed class CompiledExclusion(Exclusion exclusion, ExclusionPattern pattern, HitCell hits)
{
    public Exclusion Exclusion { get; } = exclusion;

    public ExclusionPattern Pattern { get; } = pattern;

    public HitCell Hits { get; } = hits;

    public ExclusionMatch Match { get; } = new(exclusion.Id, exclusion.Kind.ToString(), exclusion.Pattern);
}

/// <summary>
/// A workspace's enabled exclusions, compiled: for each site, the workspace-wide ones and the site's own, in the order
/// they were created. The first that matches wins.
/// </summary>
internal sealed class ExclusionRules
{
    private readonly CompiledExclusion[] _workspaceWide;
    private readonly Dictionary<string, CompiledExclusion[]> _bySite;

    private ExclusionRules(CompiledExclusion[] workspaceWide, Dictionary<string, CompiledExclusion[]> bySite, IReadOnlyList<Exclusion> invalid)
    {
        _workspaceWide = workspaceWide;
        _bySite = bySite;
        Invalid = invalid;
    }

    /// <summary>Stored exclusions whose pattern no longer parses (left out of matching).</summary>
    public IReadOnlyList<Exclusion> Invalid { get; }

    /// <param name="exclusions">The workspace's exclusions in creation order.</param>
    public static ExclusionRules Compile(IEnumerable<Exclusion> exclusions, HitCounter hits)
    {
        var compiled = new List<CompiledExclusion>();
        var invalid = new List<Exclusion>();
        foreach (var exclusion in exclusions.Where(e => e.Enabled))
        {
            if (ExclusionPattern.TryParse(exclusion.Kind, exclusion.Pattern, out var pattern, out _))
            {
                compiled.Add(new CompiledExclusion(exclusion, pattern, hits.CellOf(exclusion.WorkspaceId, exclusion.Id)));
            }
            else
            {
                invalid.Add(exclusion);
            }
        }
        var bySite = compiled.Where(c => c.Exclusion.SiteId is not null).Select(c => c.Exclusion.SiteId!).Distinct(StringComparer.Ordinal)
            .ToDictionary(site => site, site => compiled.Where(c => c.Exclusion.SiteId is null || c.Exclusion.SiteId == site).ToArray(), StringComparer.Ordinal);
        return new ExclusionRules(compiled.Where(c => c.Exclusion.SiteId is null).ToArray(), bySite, invalid);
    }

    /// <summary>The first exclusion that leaves the subject out, or null.</summary>
    public CompiledExclusion? Find(ExclusionSubject subject)
    {
        var candidates = _bySite.TryGetValue(subject.SiteId, out var ofSite) ? ofSite : _workspaceWide;
        if (candidates.Length == 0)
        {
            return null;
        }
        if (subject.Ip is { IsIPv4MappedToIPv6: true } mapped)
        {
            subject = subject with { Ip = mapped.MapToIPv4() };
        }
        foreach (var candidate in candidates)
        {
            if (candidate.Pattern.Matches(subject))
            {
                return candidate;
            }
        }
        return null;
    }
}
