namespace Lookout.Contacts.Contracts;

/// <summary>A contact or a distribution list that something may name as a recipient.</summary>
/// <param name="Kind"><see cref="RecipientKind.Contact"/> or <see cref="RecipientKind.List"/>.</param>
/// <param name="Id">Its id.</param>
public sealed record RecipientTarget(RecipientKind Kind, string Id);

/// <summary>Something that names a contact or list as a recipient.</summary>
/// <param name="Kind">What it is, e.g. <c>trigger</c>, <c>wizardAlert</c>, <c>list</c>.</param>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name as the admin knows it.</param>
public sealed record RecipientReference(string Kind, string Id, string Name);

/// <summary>
/// Implemented by each module whose records name contacts or lists as recipients (triggers, wizard alerts): deleting
/// a contact or list asks every implementation first, so nothing loses a recipient silently.
/// </summary>
public interface IRecipientReferences
{
    /// <summary>Everything of this module in <paramref name="workspaceId"/> that names <paramref name="target"/>.</summary>
    Task<IReadOnlyList<RecipientReference>> FindAsync(string workspaceId, RecipientTarget target, CancellationToken ct);

    /// <summary>Removes <paramref name="target"/> from everything of this module that names it, keeping the rest of their recipients.</summary>
    Task RemoveAsync(string workspaceId, RecipientTarget target, CancellationToken ct);
}
