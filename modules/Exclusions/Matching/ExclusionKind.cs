namespace Lookout.Exclusions.Matching;

/// <summary>What an exclusion's pattern is matched against.</summary>
internal enum ExclusionKind
{
    /// <summary>The page's path and query, e.g. <c>support/*.*</c>; entries starting with <c>http(s)://</c> match the whole URL.</summary>
    Page,

    /// <summary>The visitor's address: exact, wildcards (<c>192.168.*</c>) or CIDR (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>).</summary>
    Ip,

    /// <summary>The referrer URL: wildcards over the whole URL, or text it contains.</summary>
    Referrer,

    /// <summary>The search keywords: wildcards over all of them, or words among them.</summary>
    SearchKeywords,

    /// <summary>The visitor's country: ISO 3166 code or English name.</summary>
    Country,

    /// <summary>The User-Agent header: wildcards over all of it, or text it contains.</summary>
    UserAgent,
}
