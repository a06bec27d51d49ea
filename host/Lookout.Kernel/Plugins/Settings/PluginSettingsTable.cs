using System.Text.Json;
using Dapper;
using Lookout.Kernel.Storage;

namespace Lookout.Kernel.Plugins.Settings;

/// <summary>
/// The <c>kernel_plugin_settings</c> table (the installation's saved values, one row per plugin) and
/// <c>kernel_workspace_plugin_settings</c> (a workspace's own, one row per workspace and plugin); values are a JSON
/// object of configuration keys.
/// </summary>
public sealed class PluginSettingsTable(LookoutDatabase database, TimeProvider clock)
{
    /// <summary>Every plugin's saved values; none when the table does not exist yet (before the kernel's migration ran).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var exists = await connection.ExecuteScalarAsync<long>(database.Sql(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'kernel_plugin_settings'",
            "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'kernel_plugin_settings'")).ConfigureAwait(false);
        if (exists == 0)
        {
            return new Dictionary<string, IReadOnlyDictionary<string, string>>();
        }
        var rows = await connection.QueryAsync<(string PluginId, string Payload)>(
            new CommandDefinition("SELECT plugin_id, payload FROM kernel_plugin_settings", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.PluginId, r => (IReadOnlyDictionary<string, string>)JsonSerializer.Deserialize<Dictionary<string, string>>(r.Payload)!, StringComparer.Ordinal);
    }

    /// <summary>Every workspace's own saved values, by workspace and plugin; none before the kernel's migration ran.</summary>
    public async Task<IReadOnlyDictionary<(string WorkspaceId, string PluginId), IReadOnlyDictionary<string, string>>> ReadWorkspacesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var exists = await connection.ExecuteScalarAsync<long>(database.Sql(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'kernel_workspace_plugin_settings'",
            "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'kernel_workspace_plugin_settings'")).ConfigureAwait(false);
        if (exists == 0)
        {
            return new Dictionary<(string, string), IReadOnlyDictionary<string, string>>();
        }
        var rows = await connection.QueryAsync<(string WorkspaceId, string PluginId, string Payload)>(new CommandDefinition(
            "SELECT workspace_id, plugin_id, payload FROM kernel_workspace_plugin_settings", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(
            r => (r.WorkspaceId, r.PluginId),
            r => (IReadOnlyDictionary<string, string>)JsonSerializer.Deserialize<Dictionary<string, string>>(r.Payload)!);
    }

    /// <summary>Replaces the installation's saved values for <paramref name="pluginId"/>; <paramref name="userId"/> is who saved them.</summary>
    public Task SaveAsync(string pluginId, IReadOnlyDictionary<string, string> values, string userId, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO kernel_plugin_settings (plugin_id, payload, modified_at, modified_by) VALUES (@pluginId, @payload, @at, @userId)
            ON CONFLICT (plugin_id) DO UPDATE SET payload = excluded.payload, modified_at = excluded.modified_at, modified_by = excluded.modified_by
            """,
            new { pluginId, payload = JsonSerializer.Serialize(values), at = clock.GetUtcNow().ToUnixTimeMilliseconds(), userId },
            transaction,
            cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Replaces <paramref name="workspaceId"/>'s own values for <paramref name="pluginId"/>.</summary>
    public Task SaveForWorkspaceAsync(string workspaceId, string pluginId, IReadOnlyDictionary<string, string> values, string userId, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO kernel_workspace_plugin_settings (workspace_id, plugin_id, payload, modified_at, modified_by)
            VALUES (@workspaceId, @pluginId, @payload, @at, @userId)
            ON CONFLICT (workspace_id, plugin_id) DO UPDATE SET payload = excluded.payload, modified_at = excluded.modified_at, modified_by = excluded.modified_by
            """,
            new { workspaceId, pluginId, payload = JsonSerializer.Serialize(values), at = clock.GetUtcNow().ToUnixTimeMilliseconds(), userId },
            transaction,
            cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Forgets <paramref name="workspaceId"/>'s own values for <paramref name="pluginId"/>: it uses the installation's again.</summary>
    public Task DeleteForWorkspaceAsync(string workspaceId, string pluginId, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM kernel_workspace_plugin_settings WHERE workspace_id = @workspaceId AND plugin_id = @pluginId",
            new { workspaceId, pluginId }, transaction, cancellationToken: cancellationToken)), cancellationToken);
}
