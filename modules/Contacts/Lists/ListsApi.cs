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
        lists.MapGet("/", List).WithName("ListDistributionLists").WithSummary("List distribution lists").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        lists.MapGet("/{id}", Get).WithName("GetDistributionList").WithSummary("Get a distribution list with its members").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        lists.MapPost("/", Create).WithName("CreateDistributionList").WithSummary("Create a distribution list").RequireWorkspaceRole(WorkspaceRole.Admin);
        lists.MapPut("/{id}", Update).WithName("UpdateDistributionList").WithSummary("Update a distribution list").RequireWorkspaceRole(WorkspaceRole.Admin);
        lists.MapDelete("/{id}", Delete).WithName("DeleteDistributionList").WithSummary("Delete a distribution list that nothing refers to").RequireWorkspaceRole(WorkspaceRole.Admin);
    }

    private static async Task<Ok<IReadOnlyList<ListView>>> List(WorkspaceScope scope, ListStore store, ListViews views, CancellationToken cancellationToken) =>
        TypedResults.Ok(await views.ViewAsync(scope.WorkspaceId, await store.ListAsync(scope.WorkspaceId, cancellationToken), cancellationToken));

    private static async Task<Results<Ok<ListView>, NotFound>> Get(string id, WorkspaceScope scope, ListStore store, ListViews views, CancellationToken cancellationToken) =>
        await store.FindAsync(scope.WorkspaceId, id, cancellationToken) is { } list
            ? TypedResults.Ok(await views.ViewAsync(scope.WorkspaceId, list, cancellationToken))
            : TypedResults.NotFound();

    private static async Task<Results<Created<ListView>, ValidationProblem>> Create(
        ListRequest request, WorkspaceScope scope, ListStore store, ListRules rules, ListViews views, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (await rules.ValidateAsync(scope.WorkspaceId, null, request, errors, cancellationToken) is not { } valid)
        {
            return errors.ToProblem();
        }
        var list = await store.CreateAsync(scope.WorkspaceId, valid.Name, valid.Members, cancellationToken);
        return TypedResults.Created($"/api/contacts/lists/{list.Id}", await views.ViewAsync(scope.WorkspaceId, list, cancellationToken));
    }

    private static async Task<Results<Ok<ListView>, NotFound, ValidationProblem>> Update(
        string id, ListRequest request, WorkspaceScope scope, ListStore store, ListRules rules, ListViews views, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(scope.WorkspaceId, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        var errors = new FieldErrors();
        if (await rules.ValidateAsync(scope.WorkspaceId, id, request, errors, cancellationToken) is not { } valid)
        {
            return errors.ToProblem();
        }
        if (!await store.UpdateAsync(scope.WorkspaceId, id, valid.Name, valid.Members, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await views.ViewAsync(scope.WorkspaceId, (await store.FindAsync(scope.WorkspaceId, id, cancellationToken))!, cancellationToken));
    }

    private static Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        string id, bool? removeReferences, WorkspaceScope scope, ListStore store, RecipientReferenceCheck references, CancellationToken cancellationToken) =>
        references.DeleteAsync(
            scope.WorkspaceId, new RecipientTarget(RecipientKind.List, id), removeReferences == true,
            async ct => await store.FindAsync(scope.WorkspaceId, id, ct) is not null,
            ct => store.DeleteAsync(scope.WorkspaceId, id, ct), cancellationToken);
}
