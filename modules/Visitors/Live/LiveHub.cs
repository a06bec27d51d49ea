using Lookout.Kernel.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Lookout.Visitors.Live;

/// <summary>
/// Operators' live view: after connecting with <c>?workspace=ID</c> a member receives <c>visitor</c> (a
/// <see cref="LiveVisitor"/>, new or changed) and <c>visitorGone</c> (site id, visitor id) for that workspace.
/// </summary>
[Authorize]
public sealed class LiveHub(IWorkspaceMembership membership) : Hub
{
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
        await base.OnConnectedAsync();
    }
}
