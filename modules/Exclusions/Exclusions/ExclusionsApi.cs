using Lookout.Exclusions.Contracts;
using Lookout.Exclusions.Hits;
using Lookout.Exclusions.Matching;
using Lookout.Kernel.Events;
using Lookout.Kernel.Http;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Exclusions.Exclusions;

internal static class ExclusionsApi
{
    private const int MaxNoteLength = 500;

    public sealed record ExclusionRequest(string? SiteId, string? Kind, string? Pattern, string? Note, bool? Enabled);

    /// <summary>An exclusion as the admin SPA shows it; <see cref="SiteId"/> null means all sites of the workspace.</summary>
    public sealed record ExclusionView(
        string Id, string? SiteId, string Kind, string Pattern, string Note, bool Enabled, long HitCount, DateTimeOffset? LastHitAt);

    public static void MapExclusionsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/", List).WithName("ListExclusions").WithSummary("List exclusion rules").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        group.MapGet("/countries", ListCountries).WithName("ListExclusionCountries").WithSummary("List the countries a country exclusion can name").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        group.MapGet("/{id}", Get).WithName("GetExclusion").WithSummary("Get an exclusion rule").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        group.MapPost("/", Create).WithName("CreateExclusion").WithSummary("Create an exclusion rule").RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapPut("/{id}", Update).WithName("UpdateExclusion").WithSummary("Update an exclusion rule").RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapDelete("/{id}", Delete).WithName("DeleteExclusion").WithSummary("Delete an exclusion rule").RequireWorkspaceRole(WorkspaceRole.Admin);
    }

    internal static ExclusionView View(Exclusion e) => new(e.Id, e.SiteId, e.Kind.ToString(), e.Pattern, e.Note, e.Enabled, e.HitCount, e.LastHitAt);

    /// <summary>Whether the site is one of the workspace's: another workspace's site is as unknown as a missing one.</summary>
    internal static async Task<bool> IsSiteOfAsync(ISiteDirectory sites, WorkspaceScope scope, string siteId, CancellationToken cancellationToken) =>
        siteId.Length <= 64 && await sites.FindByIdAsync(siteId, cancellationToken) is { } site && site.WorkspaceId == scope.WorkspaceId;

    private static async Task<Results<Ok<IEnumerable<ExclusionView>>, NotFound>> List(
        string? siteId, WorkspaceScope scope, ExclusionStore store, ISiteDirectory sites, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(siteId) && !await IsSiteOfAsync(sites, scope, siteId, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var exclusions = await store.ListAsync(scope.WorkspaceId, string.IsNullOrEmpty(siteId) ? null : siteId, cancellationToken);
        return TypedResults.Ok(exclusions.Select(View));
    }

    /// <summary>The countries a Country exclusion can name, for the SPA's pickers.</summary>
    private static Ok<IReadOnlyList<Country>> ListCountries() => TypedResults.Ok(Countries.All);

    private static async Task<Results<Ok<ExclusionView>, NotFound>> Get(string id, WorkspaceScope scope, ExclusionStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(scope.WorkspaceId, id, cancellationToken) is { } exclusion ? TypedResults.Ok(View(exclusion)) : TypedResults.NotFound();

    private static async Task<Results<Created<ExclusionView>, ValidationProblem>> Create(
        ExclusionRequest request, WorkspaceScope scope, ExclusionStore store, ISiteDirectory sites, IEventBus events, CancellationToken cancellationToken)
    {
        var (draft, problem) = await ValidateAsync(request, scope, sites, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var exclusion = await store.CreateAsync(scope.WorkspaceId, draft!, cancellationToken);
        await PublishChangedAsync(events, scope);
        return TypedResults.Created($"/api/exclusions/{exclusion.Id}", View(exclusion));
    }

    private static async Task<Results<Ok<ExclusionView>, NotFound, ValidationProblem>> Update(
        string id, ExclusionRequest request, WorkspaceScope scope, ExclusionStore store, ISiteDirectory sites, IEventBus events, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(scope.WorkspaceId, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        var (draft, problem) = await ValidateAsync(request, scope, sites, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (!await store.UpdateAsync(scope.WorkspaceId, id, draft!, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        await PublishChangedAsync(events, scope);
        return TypedResults.Ok(View((await store.FindAsync(scope.WorkspaceId, id, cancellationToken))!));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(
        string id, WorkspaceScope scope, ExclusionStore store, HitCounter hits, IEventBus events, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(scope.WorkspaceId, id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        hits.Forget(id);
        await PublishChangedAsync(events, scope);
        return TypedResults.NoContent();
    }

    // Not cancelled with the request: once the change is stored, ingestion must stop using the old rules.
    private static Task PublishChangedAsync(IEventBus events, WorkspaceScope scope) =>
        events.PublishAsync(new ExclusionsChanged(scope.WorkspaceId), CancellationToken.None);

    private static async Task<(ExclusionDraft? Draft, ValidationProblem? Problem)> ValidateAsync(
        ExclusionRequest request, WorkspaceScope scope, ISiteDirectory sites, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().DisplayText("note", request.Note, MaxNoteLength, required: false, multiline: true);
        var kind = ParseKind(errors, request.Kind);
        if (kind is null)
        {
            errors.Text("pattern", request.Pattern, ExclusionPattern.MaxLength);
        }
        else if (!ExclusionPattern.TryParse(kind.Value, request.Pattern, out _, out var patternErrors))
        {
            foreach (var message in patternErrors)
            {
                errors.Add("pattern", message);
            }
        }
        if (!string.IsNullOrEmpty(request.SiteId) && !await IsSiteOfAsync(sites, scope, request.SiteId, cancellationToken))
        {
            errors.Add("siteId", "Not a site of this workspace.");
        }
        if (errors.Any)
        {
            return (null, errors.ToProblem());
        }
        var siteId = string.IsNullOrEmpty(request.SiteId) ? null : request.SiteId;
        return (new ExclusionDraft(siteId, kind!.Value, request.Pattern!.Trim(), request.Note?.Trim() ?? "", request.Enabled ?? true), null);
    }

    private static ExclusionKind? ParseKind(FieldErrors errors, string? kind)
    {
        if (string.IsNullOrWhiteSpace(kind))
        {
            errors.Add("kind", "Required.");
            return null;
        }
        if (Enum.TryParse<ExclusionKind>(kind.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(kind, out _))
        {
            return parsed;
        }
        errors.Add("kind", $"One of {string.Join(", ", Enum.GetNames<ExclusionKind>())}.");
        return null;
    }
}
