using Lookout.Plugins;
using Lookout.Workspaces.Users;

namespace Lookout.Workspaces.Operators;

/// <summary>
/// The SDK's <see cref="IOperatorConsole"/>: popups pushed over <see cref="OperatorsHub"/> to the members online in a
/// workspace, on whichever host of the cluster their connections are.
/// </summary>
internal sealed class OperatorConsole(OperatorsRelay operators, UserStore users, TimeProvider clock) : IOperatorConsole
{
    public async Task<PopupResult> ShowAsync(string workspaceId, IReadOnlyCollection<string>? userIds, Popup popup, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        ArgumentNullException.ThrowIfNull(popup);
        cancellationToken.ThrowIfCancellationRequested();

        var chosen = userIds?.Distinct(StringComparer.Ordinal).ToList();
        var shown = new PopupShown(popup.Id, popup.Title, popup.Text, popup.Severity.ToString().ToLowerInvariant(), popup.Link, clock.GetUtcNow());
        var reached = await operators.ShowAsync(workspaceId, shown, chosen, cancellationToken);

        IReadOnlyList<string> unknown = [];
        var offline = chosen?.Except(reached).ToList() ?? [];
        if (offline.Count > 0)
        {
            // Online users are members; only the others need looking up.
            var members = await users.DisplayNamesAsync(workspaceId, offline, cancellationToken);
            unknown = offline.Where(id => !members.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        }
        return new PopupResult(reached, unknown);
    }
}
