using Dapper;
using Lookout.Kernel.Storage;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Users;
using Lookout.Workspaces.Workspaces;

namespace Lookout.Workspaces.Invitations;

/// <summary>An invitation as the inviting workspace sees it: only the email it typed, never the account behind it.</summary>
public sealed record InvitationView(string Id, string Email, string Role, DateTimeOffset InvitedAt);

/// <summary>An invitation as the invited user sees it, signed in: which workspace, which role, and who invited them.</summary>
public sealed record ReceivedInvitation(string Id, string WorkspaceId, string WorkspaceName, string Role, string InvitedBy, DateTimeOffset InvitedAt);

/// <summary>
/// Invitations of people who already have an account (<c>ws_invitations</c>). Adding such a person to a workspace
/// changes nothing of theirs until they accept, signed in as themselves.
/// </summary>
internal sealed class InvitationStore(LookoutDatabase database, TimeProvider clock)
{
    /// <summary>Invites <paramref name="email"/>; null when the workspace has invited it already.</summary>
    public Task<InvitationView?> CreateAsync(string workspaceId, string email, WorkspaceRole role, string invitedBy, CancellationToken cancellationToken)
    {
        var invitation = new InvitationView(Ids.New(), UserStore.NormalizeEmail(email), role.ToString(), clock.GetUtcNow());
        return database.WriteAsync<InvitationView?>(async (connection, transaction) =>
        {
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO ws_invitations (id, workspace_id, email, role, invited_by, created_at)
                VALUES (@Id, @workspaceId, @Email, @Role, @invitedBy, @at)
                ON CONFLICT (workspace_id, email) DO NOTHING
                """,
                new { invitation.Id, workspaceId, invitation.Email, invitation.Role, invitedBy, at = invitation.InvitedAt.ToUnixTimeMilliseconds() },
                transaction, cancellationToken: cancellationToken));
            return inserted == 1 ? invitation : null;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<InvitationView>> ListForWorkspaceAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string Email, string Role, long CreatedAt)>(new CommandDefinition(
            "SELECT id, email, role, created_at FROM ws_invitations WHERE workspace_id = @workspaceId ORDER BY created_at, id",
            new { workspaceId }, cancellationToken: cancellationToken));
        return rows.Select(r => new InvitationView(r.Id, r.Email, r.Role, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt))).ToList();
    }

    public Task<bool> WithdrawAsync(string workspaceId, string id, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ws_invitations WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }, transaction, cancellationToken: cancellationToken)) == 1, cancellationToken);

    public async Task<IReadOnlyList<ReceivedInvitation>> ListForEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string WorkspaceId, string WorkspaceName, string Role, string InvitedBy, long CreatedAt)>(new CommandDefinition(
            """
            SELECT i.id, i.workspace_id, w.name, i.role, COALESCE(u.display_name, ''), i.created_at
            FROM ws_invitations i
            JOIN ws_workspaces w ON w.id = i.workspace_id
            LEFT JOIN ws_users u ON u.id = i.invited_by
            WHERE i.email = @email
            ORDER BY i.created_at, i.id
            """,
            new { email = UserStore.NormalizeEmail(email) }, cancellationToken: cancellationToken));
        return rows.Select(r => new ReceivedInvitation(r.Id, r.WorkspaceId, r.WorkspaceName, r.Role, r.InvitedBy, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt))).ToList();
    }

    /// <summary>
    /// Makes <paramref name="userId"/> a member with the invited role, if the invitation is to <paramref name="email"/>
    /// (theirs); the invitation is used up. Null when there is no such invitation for them.
    /// </summary>
    public Task<WorkspaceView?> AcceptAsync(string id, string userId, string email, CancellationToken cancellationToken) =>
        database.WriteAsync<WorkspaceView?>(async (connection, transaction) =>
        {
            var invitation = await connection.QuerySingleOrDefaultAsync<Pending>(new CommandDefinition(
                "SELECT i.workspace_id AS WorkspaceId, i.role AS Role, w.name AS Name FROM ws_invitations i JOIN ws_workspaces w ON w.id = i.workspace_id WHERE i.id = @id AND i.email = @email",
                new { id, email = UserStore.NormalizeEmail(email) }, transaction, cancellationToken: cancellationToken));
            if (invitation is not { } found)
            {
                return null;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO ws_members (workspace_id, user_id, role) VALUES (@WorkspaceId, @userId, @Role) ON CONFLICT (workspace_id, user_id) DO NOTHING",
                new { found.WorkspaceId, userId, found.Role }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM ws_invitations WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
            var role = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT role FROM ws_members WHERE workspace_id = @WorkspaceId AND user_id = @userId",
                new { found.WorkspaceId, userId }, transaction, cancellationToken: cancellationToken));
            return new WorkspaceView(found.WorkspaceId, found.Name, role!);
        }, cancellationToken);

    public Task<bool> DeclineAsync(string id, string email, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ws_invitations WHERE id = @id AND email = @email",
            new { id, email = UserStore.NormalizeEmail(email) }, transaction, cancellationToken: cancellationToken)) == 1, cancellationToken);

    private sealed record Pending(string WorkspaceId, string Role, string Name);
}
