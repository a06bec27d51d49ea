using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Orleans;

namespace Lookout.Workspaces.Operators;

/// <summary>
/// The operators' console: the admin app connects with <c>?workspace=ID</c> once signed in, which counts its user
/// online in that workspace (members only). It receives <c>popup</c> (a <see cref="PopupShown"/>) and
/// <c>operators</c> (the workspace's <see cref="Contracts.OnlineOperator"/>s, whenever someone comes online or goes, on
/// any host of the cluster: <see cref="IOperatorsGrain"/>).
/// </summary>
[Authorize]
internal sealed class OperatorsHub(UserStore users, OperatorsRelay operators, TimeProvider clock) : Hub
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
        await operators.ConnectAsync(
            workspaceId!, new OperatorConnection(Context.ConnectionId, userId!, member.DisplayName, role, clock.GetUtcNow()), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await operators.DisconnectAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }
}

/// <summary>A popup as the admin app receives it: plain text it shows as text.</summary>
/// <param name="Id">Identifies it across retried deliveries (the app shows it once); null when repeats do not matter.</param>
/// <param name="Title">One line.</param>
/// <param name="Text">The message; may be empty.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>urgent</c>.</param>
/// <param name="Link">An absolute http(s) URL or an admin app path; null for none.</param>
/// <param name="SentAt">When the host sent it.</param>
[GenerateSerializer, Immutable]
internal sealed record PopupShown(string? Id, string Title, string Text, string Severity, string? Link, DateTimeOffset SentAt);
