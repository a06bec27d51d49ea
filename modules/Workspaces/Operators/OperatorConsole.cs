using Lookout.Kernel.Tenancy;
using Lookout.Plugins;
using Lookout.Workspaces.Users;
using Microsoft.AspNetCore.SignalR;

namespace Lookout.Workspaces.Operators;

/// <summary>The SDK's <see cref="IOperatorConsole"/>: popups pushed over <see cref="OperatorsHub"/> to the members online in a workspace.</summary>
internal sealed class OperatorConsole(IHubContext<OperatorsHub> hub, OperatorPresence presence, UserStore users, TimeProvider clock) : IOperatorConsole
{
    public async Task<PopupResult> ShowAsync(string workspaceId, IReadOnlyCollection<string>? userIds, Popup popup, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        ArgumentNullException.ThrowIfNull(popup);
        cancellationToken.ThrowIfCancellationRequested();

        var chosen = userIds?.ToHashSet(StringComparer.Ordinal);
        var (reached, connections) = presence.Audience(workspaceId, member => chosen is null ? member.Role >= WorkspaceRole.Operator : chosen.Contains(member.UserId));
        if (connections.Count > 0)
        {
            var shown = new PopupShown(popup.Id, popup.Title, popup.Text, popup.Severity.ToString().ToLowerInvariant(), popup.Link, clock.GetUtcNow());
            await hub.Clients.Clients(connections).SendAsync(OperatorsHub.PopupEvent, shown, cancellationToken);
        }

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
