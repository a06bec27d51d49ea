using Dapper;
using Lookout.Kernel.Storage;
using Lookout.Kernel.Tenancy;
using Lookout.Plugins;
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

    /// <summary>Marks the user an installation owner (first-run's admin).</summary>
    public Task MakeInstallationOwnerAsync(string userId, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ws_users SET installation_owner = TRUE WHERE id = @userId",
            new { userId }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Renames the user everywhere: theirs to do (or an installation owner's), never a workspace Admin's.</summary>
    public Task UpdateDisplayNameAsync(string userId, string displayName, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ws_users SET display_name = @displayName WHERE id = @userId",
            new { userId, displayName }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>
    /// Changes a member's role, and their display name unless it is null; refused (false) when it would leave the
    /// workspace without an admin.
    /// </summary>
    public Task<bool> UpdateMemberAsync(string workspaceId, string userId, string? displayName, WorkspaceRole role, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            if (role != WorkspaceRole.Admin && await IsLastAdminAsync(connection, transaction, workspaceId, userId, cancellationToken))
            {
                return false;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE ws_members SET role = @role WHERE workspace_id = @workspaceId AND user_id = @userId",
                new { workspaceId, userId, role = role.ToString() }, transaction, cancellationToken: cancellationToken));
            if (displayName is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE ws_users SET display_name = @displayName WHERE id = @userId",
                    new { userId, displayName }, transaction, cancellationToken: cancellationToken));
            }
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

    public async Task<IReadOnlyList<WorkspaceMember>> MembersAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MemberRow>(new CommandDefinition(
            $"SELECT u.id AS Id, u.email AS Email, u.display_name AS DisplayName, m.role AS Role, {PreferenceColumns} FROM ws_members m JOIN ws_users u ON u.id = m.user_id " +
            "WHERE m.workspace_id = @workspaceId ORDER BY u.display_name, u.id",
            new { workspaceId }, cancellationToken: cancellationToken));
        return rows.Select(r =>
        {
            var preferences = r.ToPreferences();
            return new WorkspaceMember(r.Id, r.Email, r.DisplayName, Enum.Parse<WorkspaceRole>(r.Role), preferences.TimeZone, preferences.Csv);
        }).ToList();
    }

    public async Task<UserPreferences> PreferencesAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PreferencesRow>(new CommandDefinition(
            $"SELECT {PreferenceColumns} FROM ws_users u WHERE u.id = @userId", new { userId }, cancellationToken: cancellationToken));
        return row?.ToPreferences() ?? UserPreferences.None;
    }

    /// <summary>Replaces the user's own preferences (null clears one); false when there is no such user.</summary>
    public async Task<bool> SavePreferencesAsync(string userId, UserPreferences preferences, CancellationToken cancellationToken) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE ws_users SET time_zone = @TimeZone, csv_delimiter = @Delimiter, csv_header = @Header, csv_date_format = @DateFormat, csv_encoding = @Encoding
            WHERE id = @userId
            """,
            new
            {
                userId, preferences.TimeZone, preferences.Csv?.Delimiter, preferences.Csv?.Header, preferences.Csv?.DateFormat, preferences.Csv?.Encoding,
            },
            transaction, cancellationToken: cancellationToken)), cancellationToken) == 1;

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    private const string PreferenceColumns =
        "u.time_zone AS TimeZone, u.csv_delimiter AS CsvDelimiter, u.csv_header AS CsvHeader, u.csv_date_format AS CsvDateFormat, u.csv_encoding AS CsvEncoding";

    private const string MemberSelect =
        "SELECT u.id AS Id, u.email AS Email, u.display_name AS DisplayName, m.role AS Role FROM ws_members m JOIN ws_users u ON u.id = m.user_id";

    private static async Task<bool> IsLastAdminAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string workspaceId, string userId, CancellationToken cancellationToken)
    {
        var admins = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT user_id FROM ws_members WHERE workspace_id = @workspaceId AND role = @admin",
            new { workspaceId, admin = nameof(WorkspaceRole.Admin) }, transaction, cancellationToken: cancellationToken))).ToList();
        return admins is [var only] && only == userId;
    }

    // Properties rather than a constructor: SQLite reads csv_header as an integer, PostgreSQL as a boolean.
    private class PreferencesRow
    {
        public string? TimeZone { get; set; }
        public string? CsvDelimiter { get; set; }
        public bool? CsvHeader { get; set; }
        public string? CsvDateFormat { get; set; }
        public string? CsvEncoding { get; set; }

        public UserPreferences ToPreferences() => new(
            TimeZone,
            CsvDelimiter is not null && CsvHeader is { } header && CsvDateFormat is not null && CsvEncoding is not null
                ? new CsvPreference(CsvDelimiter, header, CsvDateFormat, CsvEncoding)
                : null);
    }

    private sealed class MemberRow : PreferencesRow
    {
        public string Id { get; set; } = "";
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Role { get; set; } = "";
    }
}
