using Lookout.Kernel.Events;
using Lookout.Kernel.Http;
using Lookout.Workspaces.Contracts;
using Lookout.Kernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Workspaces.Sites;

internal static class SitesApi
{
    private const int MaxOrigins = 50;

    public sealed record SiteRequest(string? Name, IReadOnlyList<string?>? AllowedOrigins, string? TimeZone, bool? AnonymizeIp, string? DefaultOwnerUserId);

    /// <summary>A site as the admin SPA shows it, with the snippet to paste into the site's pages.</summary>
    public sealed record SiteView(string Id, string Name, string SiteKey, IReadOnlyList<string> AllowedOrigins, string TimeZone, bool AnonymizeIp, string? DefaultOwnerUserId, string Snippet);

    public static void MapSitesApi(this RouteGroupBuilder group)
    {
        var sites = group.MapGroup("/sites");
        sites.MapGet("/", List).WithName("ListSites").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        sites.MapGet("/{id}", Get).WithName("GetSite").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        sites.MapPost("/", Create).WithName("CreateSite").RequireWorkspaceRole(WorkspaceRole.Admin);
        sites.MapPut("/{id}", Update).WithName("UpdateSite").RequireWorkspaceRole(WorkspaceRole.Admin);
        sites.MapDelete("/{id}", Delete).WithName("DeleteSite").RequireWorkspaceRole(WorkspaceRole.Admin);
    }

    private static async Task<Ok<IEnumerable<SiteView>>> List(WorkspaceScope scope, SiteStore store, HttpRequest http) =>
        TypedResults.Ok((await store.ListAsync(scope.WorkspaceId, http.HttpContext.RequestAborted)).Select(s => View(s, http)));

    private static async Task<Results<Ok<SiteView>, NotFound>> Get(string id, WorkspaceScope scope, SiteStore store, HttpRequest http) =>
        await store.FindAsync(scope.WorkspaceId, id, http.HttpContext.RequestAborted) is { } site
            ? TypedResults.Ok(View(site, http))
            : TypedResults.NotFound();

    private static async Task<Results<Created<SiteView>, ValidationProblem>> Create(
        SiteRequest request, WorkspaceScope scope, SiteStore store, IWorkspaceMembership membership, IEventBus events, HttpRequest http)
    {
        var (settings, problem) = await ValidateAsync(request, scope, membership, http.HttpContext.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }
        var site = await store.CreateAsync(scope.WorkspaceId, settings!, http.HttpContext.RequestAborted);
        await events.PublishAsync(new SiteChanged(site.WorkspaceId, site.Id, site.SiteKey), http.HttpContext.RequestAborted);
        return TypedResults.Created($"/api/workspaces/sites/{site.Id}", View(site, http));
    }

    private static async Task<Results<Ok<SiteView>, NotFound, ValidationProblem>> Update(
        string id, SiteRequest request, WorkspaceScope scope, SiteStore store, IWorkspaceMembership membership, IEventBus events, HttpRequest http)
    {
        var cancellation = http.HttpContext.RequestAborted;
        if (await store.FindAsync(scope.WorkspaceId, id, cancellation) is not { } existing)
        {
            return TypedResults.NotFound();
        }
        // Settings a client does not send are kept (an empty owner id clears the owner).
        request = request with
        {
            AnonymizeIp = request.AnonymizeIp ?? existing.AnonymizeIp,
            DefaultOwnerUserId = request.DefaultOwnerUserId ?? existing.DefaultOwnerUserId,
        };
        var (settings, problem) = await ValidateAsync(request, scope, membership, cancellation);
        if (problem is not null)
        {
            return problem;
        }
        if (!await store.UpdateAsync(scope.WorkspaceId, id, settings!, cancellation))
        {
            return TypedResults.NotFound();
        }
        var site = (await store.FindAsync(scope.WorkspaceId, id, cancellation))!;
        await events.PublishAsync(new SiteChanged(site.WorkspaceId, site.Id, site.SiteKey), cancellation);
        return TypedResults.Ok(View(site, http));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(string id, WorkspaceScope scope, SiteStore store, IEventBus events, HttpRequest http)
    {
        var cancellation = http.HttpContext.RequestAborted;
        if (await store.FindAsync(scope.WorkspaceId, id, cancellation) is not { } site || !await store.DeleteAsync(scope.WorkspaceId, id, cancellation))
        {
            return TypedResults.NotFound();
        }
        await events.PublishAsync(new SiteChanged(site.WorkspaceId, site.Id, site.SiteKey), cancellation);
        return TypedResults.NoContent();
    }

    private static async Task<(SiteSettings? Settings, ValidationProblem? Problem)> ValidateAsync(
        SiteRequest request, WorkspaceScope scope, IWorkspaceMembership membership, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().DisplayText("name", request.Name, 200);
        if (request.DefaultOwnerUserId is { Length: > 0 } owner
            && (owner.Length > 64 || await membership.FindRoleAsync(owner, scope.WorkspaceId, cancellationToken) is null))
        {
            errors.Add("defaultOwnerUserId", "Not a user of this workspace.");
        }
        var origins = new List<string>();
        if (request.AllowedOrigins is { Count: > MaxOrigins })
        {
            errors.Add("allowedOrigins", $"At most {MaxOrigins} origins.");
        }
        else
        {
            for (var i = 0; i < (request.AllowedOrigins?.Count ?? 0); i++)
            {
                if (Origin.TryNormalize(request.AllowedOrigins![i], out var origin))
                {
                    origins.Add(origin);
                }
                else
                {
                    errors.Add($"allowedOrigins[{i}]", "Not an origin: use scheme://host[:port], e.g. https://www.example.com.");
                }
            }
        }
        if (string.IsNullOrWhiteSpace(request.TimeZone))
        {
            errors.Add("timeZone", "Required.");
        }
        else if (request.TimeZone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out var zone) || !zone.HasIanaId)
        {
            errors.Add("timeZone", "Not a known IANA time zone id, e.g. Europe/Paris.");
        }
        return errors.Any
            ? (null, errors.ToProblem())
            : (new SiteSettings(request.Name!.Trim(), origins.Distinct(StringComparer.Ordinal).ToList(), request.TimeZone!, request.AnonymizeIp ?? false,
                string.IsNullOrEmpty(request.DefaultOwnerUserId) ? null : request.DefaultOwnerUserId), null);
    }

    private static SiteView View(Site site, HttpRequest http)
    {
        var script = $"{http.Scheme}://{http.Host}/lookout.js";
        var snippet = $"<script async src=\"{script}\" data-site=\"{site.SiteKey}\"></script>";
        return new SiteView(site.Id, site.Name, site.SiteKey, site.AllowedOrigins, site.TimeZone, site.AnonymizeIp, site.DefaultOwnerUserId, snippet);
    }
}
