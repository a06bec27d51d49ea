using Lookout.Contacts.Contracts;
using Lookout.Contacts.Lists;

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
}
