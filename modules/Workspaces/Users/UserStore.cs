using Dapper;
using Lookout.Kernel.Storage;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;

namespace Lookout.Workspaces.Users;

/// <summary>A person who can log in.</summary>
public sealed record UserAccount(string Id, string Email, string DisplayName, string PasswordHash);

/// <summary>A user as a workspace lists it.</summary>
public sealed record MemberView(string Id, string Email, string DisplayName, string Role);

/// <summary>Users (global: one login per email) and their memberships.</summary>
internal sealed class UserStore(LookoutDatabase database, TimeProvider clock) : IUserDirectory
{
    public async Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            "SELECT id AS Id, email AS Email, display_name AS DisplayName, password_hash AS PasswordHash FROM ws_users WHERE email = @email",
            new { email = NormalizeEmail(email) }, cancellationToken: cancellationToken));
    }

    public async Task<UserAccount?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            "SELECT id AS Id, email AS Email, display_name AS DisplayName, password_hash AS PasswordHash FROM ws_users WHERE id = @id",
            new { id }, cancellationToken: cancellationToken));
    }

    public async Task<UserAccount> CreateAsync(string email, string displayName, Func<UserAccount, string> hashPassword, CancellationToken cancellationToken)
    {
        var user = new UserAccount(Ids.New(), NormalizeEmail(email), displayName, "");
        user = user with { PasswordHash = hashPassword(user) };
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ws_users (id, email, display_name, password_hash, created_at) VALUES (@Id, @Email, @DisplayName, @PasswordHash, @at)",
            new { user.Id, user.Email, user.DisplayName, user.PasswordHash, at = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken)), cancellationToken);
        return user;
    }

    public Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ws_users SET password_hash = @passwordHash WHERE id = @id",
            new { id, passwordHash }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    public async Task<IReadOnlyList<MemberView>> ListMembersAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<MemberView>(new CommandDefinition(
            $"{MemberSelect} WHERE m.workspace_id = @workspaceId ORDER BY u.display_name, u.id",
            new { workspaceId }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<MemberView?> FindMemberAsync(string workspaceId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<MemberView>(new CommandDefinition(
            $"{MemberSelect} WHERE m.workspace_id = @workspaceId AND m.user_id = @userId",
            new { workspaceId, userId }, cancellationToken: cancellationToken));
    }

    public Task AddMemberAsync(string workspaceId, string userId, WorkspaceRole role, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ws_members (workspace_id, user_id, role) VALUES (@workspaceId, @userId, @role)",
            new { workspaceId, userId, role = role.ToString() }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Changes a member's display name and role; refused (false) when it would leave the workspace without an admin.</summary>
    public Task<bool> UpdateMemberAsync(string workspaceId, string userId, string displayName, WorkspaceRole role, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            if (role != WorkspaceRole.Admin && await IsLastAdminAsync(connection, transaction, workspaceId, userId, cancellationToken))
            {
                return false;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE ws_members SET role = @role WHERE workspace_id = @workspaceId AND user_id = @userId",
                new { workspaceId, userId, role = role.ToString() }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE ws_users SET display_name = @displayName WHERE id = @userId",
                new { userId, displayName }, transaction, cancellationToken: cancellationToken));
            return true;
        }, cancellationToken);

    /// <summary>Removes a member; refused (false) for the last admin.</summary>
    public Task<bool> RemoveMemberAsync(string workspaceId, string userId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            if (await IsLastAdminAsync(connection, transaction, workspaceId, userId, cancellationToken))
            {
                return false;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM ws_members WHERE workspace_id = @workspaceId AND user_id = @userId",
                new { workspaceId, userId }, transaction, cancellationToken: cancellationToken));
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(string workspaceId, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, string>();
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string Name)>(new CommandDefinition(
            "SELECT u.id, u.display_name FROM ws_members m JOIN ws_users u ON u.id = m.user_id WHERE m.workspace_id = @workspaceId",
            new { workspaceId }, cancellationToken: cancellationToken));
        return rows.Where(r => ids.Contains(r.Id)).ToDictionary(r => r.Id, r => r.Name);
    }

    public async Task<IReadOnlyList<WorkspaceMember>> MembersAsync(string workspaceId, CancellationToken cancellationToken) =>
        (await ListMembersAsync(workspaceId, cancellationToken)).Select(m => new WorkspaceMember(m.Id, m.Email, m.DisplayName, Enum.Parse<WorkspaceRole>(m.Role))).ToList();

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    private const string MemberSelect =
        "SELECT u.id AS Id, u.email AS Email, u.display_name AS DisplayName, m.role AS Role FROM ws_members m JOIN ws_users u ON u.id = m.user_id";

    private static async Task<bool> IsLastAdminAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string workspaceId, string userId, CancellationToken cancellationToken)
    {
        var admins = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT user_id FROM ws_members WHERE workspace_id = @workspaceId AND role = @admin",
            new { workspaceId, admin = nameof(WorkspaceRole.Admin) }, transaction, cancellationToken: cancellationToken))).ToList();
        return admins is [var only] && only == userId;
    }
}
