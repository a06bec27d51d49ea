using Lookout.Exclusions.Contracts;
using Lookout.Exclusions.Matching;
using Lookout.Exclusions.Exclusions;
using Lookout.Kernel.Http;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using static Lookout.Exclusions.Exclusions.ExclusionsApi;

namespace Lookout.Exclusions.Matching;

/// <summary>
/// The admin's test box: would a sample page view of a site be left out, and by which exclusion? Answered by the same
/// compiled rules as ingestion, without counting a hit.
/// </summary>
internal static class ExclusionTestApi
{
    private const int MaxUrlLength = 2048;

    public sealed record ExclusionTestRequest(
        string? SiteId, string? Url, string? Ip, string? Referrer, string? SearchKeywords, string? Country, string? UserAgent);

    public sealed record ExclusionTestResult(bool Excluded, ExclusionView? Exclusion);

    public static void MapExclusionTestApi(this RouteGroupBuilder group) =>
        group.MapPost("/test", Test).WithName("TestExclusions").WithSummary("Test whether a sample page view would be excluded, and by which rule").RequireWorkspaceRole(WorkspaceRole.SalesRep);

    private static async Task<Results<Ok<ExclusionTestResult>, ValidationProblem>> Test(
        ExclusionTestRequest request, WorkspaceScope scope, ExclusionPolicy policy, ExclusionStore store, ISiteDirectory sites, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Text("siteId", request.SiteId, 64)
            .Text("url", request.Url, MaxUrlLength, required: false)
            .Text("referrer", request.Referrer, MaxUrlLength, required: false)
            .Text("searchKeywords", request.SearchKeywords, 500, required: false)
            .Text("userAgent", request.UserAgent, 1000, required: false);
        if (!string.IsNullOrWhiteSpace(request.SiteId) && !await IsSiteOfAsync(sites, scope, request.SiteId, cancellationToken))
        {
            errors.Add("siteId", "Not a site of this workspace.");
        }
        System.Net.IPAddress? ip = null;
        if (!string.IsNullOrWhiteSpace(request.Ip) && !IpPattern.TryParseAddress(request.Ip.Trim(), out ip))
        {
            errors.Add("ip", "Not an IP address such as 203.0.113.7 or 2001:db8::1.");
        }
        Country? country = null;
        if (!string.IsNullOrWhiteSpace(request.Country) && (request.Country.Length > 100 || !Countries.TryFind(request.Country, out country)))
        {
            errors.Add("country", "Not a country: use an ISO 3166 code such as FR or an English name such as France.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var subject = new ExclusionSubject(
            scope.WorkspaceId, request.SiteId!, Blank(request.Url), ip, Blank(request.Referrer), Blank(request.SearchKeywords), country?.Code, Blank(request.UserAgent));
        if (await policy.FindAsync(subject, cancellationToken) is not { } found)
        {
            return TypedResults.Ok(new ExclusionTestResult(false, null));
        }
        // Read again for the current hit count; the compiled copy stands in if it was deleted meanwhile.
        var exclusion = await store.FindAsync(scope.WorkspaceId, found.Exclusion.Id, cancellationToken) ?? found.Exclusion;
        return TypedResults.Ok(new ExclusionTestResult(true, View(exclusion)));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
