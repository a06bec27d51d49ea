using Lookout.Contacts.Contracts;
using Lookout.Contacts.References;
using Lookout.Kernel.Http;
using Lookout.Kernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Contacts.Lists;

internal static class ListsApi
{
    public static void MapListsApi(this RouteGroupBuilder group)
    {
        var lists = group.MapGroup("/lists");
        lists.MapGet("/", List).WithName("ListDistributionLists").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        lists.MapGet("/{id}", Get).WithName("GetDistributionList").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        lists.MapPost("/", Create).WithName("CreateDistributionList").RequireWorkspaceRole(WorkspaceRole.Admin);
        lists.MapPut("/{id}", Update).WithName("UpdateDistributionList").RequireWorkspaceRole(WorkspaceRole.Admin);
        lists.MapDelete("/{id}", Delete).WithName("DeleteDistributionList").RequireWorkspaceRole(WorkspaceRole.Admin);
    }

    private static async Task<Ok<IReadOnlyList<ListView>>> List(WorkspaceScope scope, ListStore store, ListViews views, HttpContext http) =>
        TypedResults.Ok(await views.ViewAsync(scope.WorkspaceId, await store.ListAsync(scope.WorkspaceId, http.RequestAborted), http.RequestAborted));

    private static async Task<Results<Ok<ListView>, NotFound>> Get(string id, WorkspaceScope scope, ListStore store, ListViews views, HttpContext http) =>
        await store.FindAsync(scope.WorkspaceId, id, http.RequestAborted) is { } list
            ? TypedResults.Ok(await views.ViewAsync(scope.WorkspaceId, list, http.RequestAborted))
            : TypedResults.NotFound();

    private static async Task<Results<Created<ListView>, ValidationProblem>> Create(
        ListRequest request, WorkspaceScope scope, ListStore store, ListRules rules, ListViews views, HttpContext http)
    {
        var errors = new FieldErrors();
        if (await rules.ValidateAsync(scope.WorkspaceId, null, request, errors, http.RequestAborted) is not { } valid)
        {
            return errors.ToProblem();
        }
        var list = await store.CreateAsync(scope.WorkspaceId, valid.Name, valid.Members, http.RequestAborted);
        return TypedResults.Created($"/api/contacts/lists/{list.Id}", await views.ViewAsync(scope.WorkspaceId, list, http.RequestAborted));
    }

    private static async Task<Results<Ok<ListView>, NotFound, ValidationProblem>> Update(
        string id, ListRequest request, WorkspaceScope scope, ListStore store, ListRules rules, ListViews views, HttpContext http)
    {
        var cancellation = http.RequestAborted;
        if (await store.FindAsync(scope.WorkspaceId, id, cancellation) is null)
        {
            return TypedResults.NotFound();
        }
        var errors = new FieldErrors();
        if (await rules.ValidateAsync(scope.WorkspaceId, id, request, errors, cancellation) is not { } valid)
        {
            return errors.ToProblem();
        }
        if (!await store.UpdateAsync(scope.WorkspaceId, id, valid.Name, valid.Members, cancellation))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await views.ViewAsync(scope.WorkspaceId, (await store.FindAsync(scope.WorkspaceId, id, cancellation))!, cancellation));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        string id, bool? removeReferences, WorkspaceScope scope, ListStore store, RecipientReferenceCheck references, HttpContext http)
    {
        var cancellation = http.RequestAborted;
        if (await store.FindAsync(scope.WorkspaceId, id, cancellation) is null)
        {
            return TypedResults.NotFound();
        }
        var target = new RecipientTarget(RecipientKind.List, id);
        var found = await references.FindAsync(scope.WorkspaceId, target, cancellation);
        if (found.Count > 0 && removeReferences != true)
        {
            return ReferencesProblem.For("list", found);
        }
        await references.RemoveFromOtherModulesAsync(scope.WorkspaceId, target, cancellation);
        return await store.DeleteAsync(scope.WorkspaceId, id, cancellation) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
