using Lookout.Contacts.Contracts;
using Lookout.Contacts.Lists;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lookout.Contacts.References;

/// <summary>
/// Everything that names a contact or list: the lists it is a member of, and what other modules report through
/// <see cref="IRecipientReferences"/>. Asked before a delete or a move, so that no trigger or alert loses a recipient silently.
/// </summary>
internal sealed class RecipientReferenceCheck(ListStore lists, IEnumerable<IRecipientReferences> modules)
{
    public const string ListKind = "list";

    public async Task<IReadOnlyList<RecipientReference>> FindAsync(string workspaceId, RecipientTarget target, CancellationToken cancellationToken)
    {
        var found = new List<RecipientReference>();
        foreach (var module in modules)
        {
            found.AddRange(await module.FindAsync(workspaceId, target, cancellationToken));
        }
        var kind = target.Kind == RecipientKind.List ? ListMember.List : ListMember.Contact;
        found.AddRange((await lists.ContainingAsync(workspaceId, kind, target.Id, cancellationToken)).Select(l => new RecipientReference(ListKind, l.Id, l.Name)));
        return found;
    }

    /// <summary>Takes the target out of other modules' records; list memberships go with the contact or list itself.</summary>
    public async Task RemoveFromOtherModulesAsync(string workspaceId, RecipientTarget target, CancellationToken cancellationToken)
    {
        foreach (var module in modules)
        {
            await module.RemoveAsync(workspaceId, target, cancellationToken);
        }
    }

    /// <summary>
    /// The one way to delete a contact or list: 404 when it is not there, 409 naming the references when something
    /// still names it (unless <paramref name="removeReferences"/>), else removed from those references and deleted.
    /// </summary>
    public async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        string workspaceId, RecipientTarget target, bool removeReferences, Func<CancellationToken, Task<bool>> exists,
        Func<CancellationToken, Task<bool>> delete, CancellationToken cancellationToken)
    {
        if (!await exists(cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var found = await FindAsync(workspaceId, target, cancellationToken);
        if (found.Count > 0 && !removeReferences)
        {
            return ReferencesProblem.For(target.Kind == RecipientKind.List ? "list" : "contact", found);
        }
        await RemoveFromOtherModulesAsync(workspaceId, target, cancellationToken);
        return await delete(cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
