using System.Net;
using Lookout.Visitors.Collect;
using Lookout.Visitors.Enrichment;

namespace Lookout.Visitors.Grains;

/// <summary>What a visit's first page view tells once enriched: search, campaign, location, device.</summary>
public sealed record VisitFacts(
    string? SearchEngine, string? SearchKeywords,
    string? UtmSource, string? UtmMedium, string? UtmCampaign, string? UtmTerm, string? UtmContent,
    string? Ip, string? CountryCode, string? CountryName, string? City, string? Organization,
    string? Device, string? Browser, string? Os);

/// <summary>Turns the raw facts of a visit's first page view into <see cref="VisitFacts"/> (once per visit, not per event).</summary>
public sealed class VisitEnricher(IGeoIpProvider geoIp, ReverseDnsLookup reverseDns)
{
    /// <summary>The referrer, unless it is a page of the same site (then it says nothing about how the visit began).</summary>
    public static string? ExternalReferrer(string? referrer, string url) =>
        referrer is not null && Uri.TryCreate(referrer, UriKind.Absolute, out var from) && Uri.TryCreate(url, UriKind.Absolute, out var to)
            && string.Equals(from.Host, to.Host, StringComparison.OrdinalIgnoreCase)
            ? null
            : referrer;

    public VisitFacts DescribeVisit(string entryUrl, string? referrer, CollectContext context)
    {
        var search = SearchReferrer.Parse(referrer);
        var query = Uri.TryCreate(entryUrl, UriKind.Absolute, out var uri) ? System.Web.HttpUtility.ParseQueryString(uri.Query) : null;
        var ip = IPAddress.TryParse(context.Ip, out var address) ? address : null;
        var geo = ip is null ? null : geoIp.Lookup(ip);
        var organization = geo?.Organization ?? (ip is null ? null : reverseDns.TryGetCached(ip));
        var agent = UserAgentInfo.Parse(context.UserAgent);
        return new VisitFacts(
            search?.Engine, search?.Keywords,
            Utm(query, "utm_source"), Utm(query, "utm_medium"), Utm(query, "utm_campaign"), Utm(query, "utm_term"), Utm(query, "utm_content"),
            context.Ip, geo?.CountryCode, geo?.CountryName, geo?.City, organization,
            agent.Device.DisplayName(), agent.Browser.DisplayName(), agent.Os.DisplayName());
    }

    private static string? Utm(System.Collections.Specialized.NameValueCollection? query, string name) =>
        query?[name] is { Length: > 0 } value ? (value.Length > 200 ? value[..200] : value) : null;
}
