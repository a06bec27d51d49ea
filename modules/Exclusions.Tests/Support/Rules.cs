using System.Net;
using Lookout.Exclusions.Contracts;
using Lookout.Exclusions.Hits;
using Lookout.Exclusions.Matching;
using Lookout.Exclusions.Exclusions;
using Lookout.Kernel.Storage;

namespace Lookout.Exclusions.Tests.Support;

/// <summary>Exclusions compiled in memory, and page views to try them on, for the matcher tests.</summary>
internal static class Rules
{
    public const string Workspace = "workspace-1";
    public const string Site = "site-1";
    public const string OtherSite = "site-2";

    public static Exclusion Exclusion(ExclusionKind kind, string pattern, string? siteId = null, bool enabled = true) =>
        new(Ids.New(), Workspace, siteId, kind, pattern, "", enabled, 0, null);

    public static ExclusionRules Compile(params Exclusion[] exclusions) => ExclusionRules.Compile(exclusions, new HitCounter(TimeProvider.System));

    public static ExclusionSubject PageView(
        string? url = null, string? ip = null, string? referrer = null, string? keywords = null, string? country = null, string? userAgent = null, string site = Site) =>
        new(Workspace, site, url, ip is null ? null : IPAddress.Parse(ip), referrer, keywords, country, userAgent);

    /// <summary>Whether one exclusion of <paramref name="kind"/> with <paramref name="pattern"/> leaves the page view out.</summary>
    public static bool Excludes(ExclusionKind kind, string pattern, ExclusionSubject pageView) =>
        Compile(Exclusion(kind, pattern)).Find(pageView) is not null;
}
