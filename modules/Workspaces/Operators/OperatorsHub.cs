using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Lookout.Workspaces.Operators;

/// <summary>
/// The operators' console: the admin app connects with <c>?workspace=ID</c> once signed in, which counts its user
/// online in that workspace (members only). It receives <c>popup</c> (a <see cref="PopupShown"/>) and
/// <c>operators</c> (the workspace's <see cref="Contracts.OnlineOperator"/>s, whenever someone comes online or goes).
/// </summary>
[Authorize]
internal sealed class OperatorsHub(UserStore users, OperatorPresence presence) : Hub
{
    public const string Path = "/hubs/operators";

    public const string PopupEvent = "popup";

    public const string OperatorsEvent = "operators";

    public override async Task OnConnectedAsync()
    {
        var workspaceId = Context.GetHttpContext()?.Request.Query["workspace"].ToString();
        var userId = Context.User is null ? null : WorkspaceScope.UserIdOf(Context.User);
        var member = string.IsNullOrEmpty(workspaceId) || userId is null
            ? null
            : await users.FindMemberAsync(workspaceId, userId, Context.ConnectionAborted);
        if (member is null || !Enum.TryParse<WorkspaceRole>(member.Role, out var role))
        {
            Context.Abort();
            return;
        }
        if (presence.Connect(Context.ConnectionId, workspaceId!, userId!, member.DisplayName, role))
        {
            await AnnounceAsync(workspaceId!);
        }
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (presence.Disconnect(Context.ConnectionId) is (var workspaceId, true))
        {
            await AnnounceAsync(workspaceId);
        }
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Tells everyone online in the workspace who is online there now.</summary>
    private Task AnnounceAsync(string workspaceId) =>
        Clients.Clients(presence.ConnectionsIn(workspaceId)).SendAsync(OperatorsEvent, presence.Online(workspaceId), CancellationToken.None);
}

/// <summary>A popup as the admin app receives it: plain text it shows as text.</summary>
/// <param name="Id">Identifies it across retried deliveries (the app shows it once); null when repeats do not matter.</param>
/// <param name="Title">One line.</param>
/// <param name="Text">The message; may be empty.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>urgent</c>.</param>
/// <param name="Link">An absolute http(s) URL or an admin app path; null for none.</param>
/// <param name="SentAt">When the host sent it.</param>
internal sealed record PopupShown(string? Id, string Title, string Text, string Severity, string? Link, DateTimeOffset SentAt);
