namespace Lookout.Plugins;

/// <summary>What <see cref="IOperatorConsole.ShowAsync"/> did.</summary>
/// <param name="ReachedUserIds">The users the popup was shown to: online in the workspace, each once however many windows they have open.</param>
/// <param name="UnknownUserIds">Users named in the call who are not members of the workspace: no retry reaches them.</param>
public sealed record PopupResult(IReadOnlyList<string> ReachedUserIds, IReadOnlyList<string> UnknownUserIds)
{
    /// <summary>How many operators saw the popup.</summary>
    public int OperatorsReached => ReachedUserIds.Count;
}
