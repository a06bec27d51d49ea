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
        sites.MapGet("/", List).WithName("ListSites").WithSummary("List tracked sites").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        sites.MapGet("/{id}", Get).WithName("GetSite").WithSummary("Get a tracked site").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        sites.MapPost("/", Create).WithName("CreateSite").WithSummary("Create a tracked site").RequireWorkspaceRole(WorkspaceRole.Admin);
        sites.MapPut("/{id}", Update).WithName("UpdateSite").WithSummary("Update a tracked site").RequireWorkspaceRole(WorkspaceRole.Admin);
        sites.MapDelete("/{id}", Delete).WithName("DeleteSite").WithSummary("Delete a tracked site").RequireWorkspaceRole(WorkspaceRole.Admin);
    }

    private static async Task<Ok<IEnumerable<SiteView>>> List(WorkspaceScope scope, SiteStore store, HttpRequest http, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(scope.WorkspaceId, cancellationToken)).Select(s => View(s, http)));

    private static async Task<Results<Ok<SiteView>, NotFound>> Get(string id, WorkspaceScope scope, SiteStore store, HttpRequest http, CancellationToken cancellationToken) =>
        await store.FindAsync(scope.WorkspaceId, id, cancellationToken) is { } site
            ? TypedResults.Ok(View(site, http))
            : TypedResults.NotFound();

    private static async Task<Results<Created<SiteView>, ValidationProblem>> Create(
        SiteRequest request, WorkspaceScope scope, SiteStore store, IWorkspaceMembership membership, IEventBus events, HttpRequest http, CancellationToken cancellationToken)
    {
        var (settings, problem) = await ValidateAsync(request, scope, membership, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var site = await store.CreateAsync(scope.WorkspaceId, settings!, cancellationToken);
        await events.PublishAsync(new SiteChanged(site.WorkspaceId, site.Id, site.SiteKey), cancellationToken);
        return TypedResults.Created($"/api/workspaces/sites/{site.Id}", View(site, http));
    }

    private static async Task<Results<Ok<SiteView>, NotFound, ValidationProblem>> Update(
        string id, SiteRequest request, WorkspaceScope scope, SiteStore store, IWorkspaceMembership membership, IEventBus events, HttpRequest http, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(scope.WorkspaceId, id, cancellationToken) is not { } existing)
        {
            return TypedResults.NotFound();
        }
        // Settings a client does not send are kept (an empty owner id clears the owner).
        request = request with
        {
            AnonymizeIp = request.AnonymizeIp ?? existing.AnonymizeIp,
            DefaultOwnerUserId = request.DefaultOwnerUserId ?? existing.DefaultOwnerUserId,
        };
        var (settings, problem) = await ValidateAsync(request, scope, membership, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (!await store.UpdateAsync(scope.WorkspaceId, id, settings!, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var site = (await store.FindAsync(scope.WorkspaceId, id, cancellationToken))!;
        await events.PublishAsync(new SiteChanged(site.WorkspaceId, site.Id, site.SiteKey), cancellationToken);
        return TypedResults.Ok(View(site, http));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(string id, WorkspaceScope scope, SiteStore store, IEventBus events, HttpRequest http, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(scope.WorkspaceId, id, cancellationToken) is not { } site || !await store.DeleteAsync(scope.WorkspaceId, id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        await events.PublishAsync(new SiteChanged(site.WorkspaceId, site.Id, site.SiteKey), cancellationToken);
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
