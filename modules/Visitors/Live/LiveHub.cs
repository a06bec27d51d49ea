using Lookout.Kernel.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Lookout.Visitors.Live;

/// <summary>
/// Operators' live view: after connecting with <c>?workspace=ID</c> a member receives <c>visitor</c> (a
/// <see cref="LiveVisitor"/>, new or changed) and <c>visitorGone</c> (site id, visitor id) for that workspace, whichever
/// host of the cluster the visitor's grain runs on.
/// </summary>
[Authorize]
public sealed class LiveHub(IWorkspaceMembership membership, LiveVisitors live) : Hub
{
    private const string WorkspaceItem = "workspace";

    public const string Path = "/hubs/live";

    public static string Group(string workspaceId) => $"live:{workspaceId}";

    public override async Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext();
        var workspaceId = http?.Request.Query["workspace"].ToString();
        var userId = Context.User is null ? null : WorkspaceScope.UserIdOf(Context.User);
        if (string.IsNullOrEmpty(workspaceId) || userId is null
            || await membership.FindRoleAsync(userId, workspaceId, Context.ConnectionAborted) is null)
        {
            Context.Abort();
            return;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(workspaceId), Context.ConnectionAborted);
        // Subscribed before the connection counts as open, so that no change after it is missed.
        await live.WatchAsync(workspaceId);
        Context.Items[WorkspaceItem] = workspaceId;
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(WorkspaceItem, out var workspaceId) && workspaceId is string watched)
        {
            live.Unwatch(watched);
        }
        await base.OnDisconnectedAsync(exception);
    }
}
