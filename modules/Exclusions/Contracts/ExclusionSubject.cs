using System.Net;

namespace Lookout.Exclusions.Contracts;

/// <summary>
/// What ingestion knows about a page view when it asks whether to leave it out. Null (or empty) values match no
/// exclusion of their kind.
/// </summary>
/// <param name="WorkspaceId">The workspace of <paramref name="SiteId"/>.</param>
/// <param name="SiteId">The tracked site; exclusions of this site and workspace-wide ones apply.</param>
/// <param name="Url">The page's URL, absolute (<c>https://shop.example.com/a?b=1</c>) or as path and query (<c>/a?b=1</c>).</param>
/// <param name="Ip">The visitor's address (an IPv4-mapped IPv6 address counts as its IPv4 address).</param>
/// <param name="Referrer">The referrer URL.</param>
/// <param name="SearchKeywords">The search keywords taken from the referrer.</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2 code of the visitor's country, e.g. <c>FR</c>.</param>
/// <param name="UserAgent">The browser's User-Agent header.</param>
public sealed record ExclusionSubject(
    string WorkspaceId,
    string SiteId,
    string? Url,
    IPAddress? Ip,
    string? Referrer,
    string? SearchKeywords,
    string? CountryCode,
    string? UserAgent);
