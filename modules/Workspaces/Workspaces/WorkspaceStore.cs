using Lookout.Workspaces.Account;
using Dapper;
using Lookout.Kernel.Storage;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;

namespace Lookout.Workspaces.Workspaces;

/// <summary>A workspace as its member sees it.</summary>
public sealed record WorkspaceView(string Id, string Name, string Role);

/// <summary>Workspaces and who belongs to them.</summary>
internal sealed class WorkspaceStore(LookoutDatabase database, TimeProvider clock) : IWorkspaceMembership, IWorkspaceSettings
{
    public async Task<WorkspaceSettings> GetAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var region = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT default_phone_region FROM ws_workspaces WHERE id = @workspaceId", new { workspaceId }, cancellationToken: cancellationToken));
        return region is null ? WorkspaceSettings.None : new WorkspaceSettings(region);
    }

    /// <summary>Stores <paramref name="settings"/> as the workspace's; false when the workspace does not exist.</summary>
    public async Task<bool> SaveSettingsAsync(string workspaceId, WorkspaceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ws_workspaces SET default_phone_region = @region WHERE id = @workspaceId",
            new { workspaceId, region = settings.DefaultPhoneRegion }, transaction, cancellationToken: cancellationToken)), cancellationToken) == 1;
    }

    public async Task<string?> NameAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT name FROM ws_workspaces WHERE id = @workspaceId", new { workspaceId }, cancellationToken: cancellationToken));
    }

    public async Task<WorkspaceRole?> FindRoleAsync(string userId, string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var role = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT role FROM ws_members WHERE user_id = @userId AND workspace_id = @workspaceId",
            new { userId, workspaceId }, cancellationToken: cancellationToken));
        return role is null ? null : Enum.Parse<WorkspaceRole>(role);
    }

    public async Task<string?> DefaultWorkspaceAsync(string userId, CancellationToken cancellationToken) =>
        (await ListForUserAsync(userId, cancellationToken)) is [var first, ..] ? first.Id : null;

    public async Task<IReadOnlyList<WorkspaceView>> ListForUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<WorkspaceView>(new CommandDefinition(
            """
            SELECT w.id AS Id, w.name AS Name, m.role AS Role
            FROM ws_members m JOIN ws_workspaces w ON w.id = m.workspace_id
            WHERE m.user_id = @userId
            ORDER BY w.created_at, w.id
            """,
            new { userId }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<bool> IsInstallationOwnerAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT installation_owner FROM ws_users WHERE id = @userId", new { userId }, cancellationToken: cancellationToken));
    }

    /// <summary>Whether <paramref name="userId"/> may create a workspace, by <see cref="AccountOptions.WhoMayCreateWorkspaces"/>.</summary>
    public async Task<bool> MayCreateAsync(string userId, WorkspaceCreators creators, CancellationToken cancellationToken) =>
        creators == WorkspaceCreators.AnyUser || await IsInstallationOwnerAsync(userId, cancellationToken);

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM ws_workspaces", cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Creates a workspace whose first admin is <paramref name="adminUserId"/>.</summary>
    public async Task<WorkspaceView> CreateAsync(string name, string adminUserId, CancellationToken cancellationToken)
    {
        var id = Ids.New();
        await database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO ws_workspaces (id, name, created_at) VALUES (@id, @name, @at)",
                new { id, name, at = clock.GetUtcNow().ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO ws_members (workspace_id, user_id, role) VALUES (@id, @adminUserId, @role)",
                new { id, adminUserId, role = nameof(WorkspaceRole.Admin) }, transaction, cancellationToken: cancellationToken));
        }, cancellationToken);
        return new WorkspaceView(id, name, nameof(WorkspaceRole.Admin));
    }
}
