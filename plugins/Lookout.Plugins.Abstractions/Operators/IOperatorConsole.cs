namespace Lookout.Plugins;

/// <summary>
/// The operators' console: the admin app of every operator who has it open. A host service, not something a plugin
/// implements: the host registers it, and a plugin's channel takes it in its constructor to show popups.
/// </summary>
/// <remarks>
/// Only operators who are online (the admin app open and connected) can be reached; nothing is queued for those who
/// are not. A popup may be shown twice when its delivery is retried; give it an <see cref="Popup.Id"/> and the admin
/// app shows it once.
/// </remarks>
public interface IOperatorConsole
{
    /// <summary>Shows <paramref name="popup"/> to the online operators of a workspace, or to some of them.</summary>
    /// <param name="workspaceId">The workspace whose operators see it; no one outside it does.</param>
    /// <param name="userIds">
    /// Null for every online operator (and admin) of the workspace; otherwise the users who see it, whatever their
    /// role, among those of them online in the workspace.
    /// </param>
    /// <param name="popup">What to show.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>Who saw it, and which of <paramref name="userIds"/> are not members of the workspace.</returns>
    Task<PopupResult> ShowAsync(string workspaceId, IReadOnlyCollection<string>? userIds, Popup popup, CancellationToken cancellationToken);
}
