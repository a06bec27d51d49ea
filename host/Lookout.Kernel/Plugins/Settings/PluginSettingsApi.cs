using System.Text.Json;
using Lookout.Kernel.Events;
using Lookout.Kernel.Http;
using Lookout.Kernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Lookout.Kernel.Plugins.Settings;

/// <summary>
/// A loaded plugin's settings, read and saved at runtime. Two kinds, so that no workspace can change where another's
/// notifications go:
/// <list type="bullet">
/// <item><c>GET</c>, <c>PUT</c> and <c>DELETE /api/plugins/{id}/settings</c>: the caller's workspace's own settings,
/// for its Admins. A workspace without its own uses the installation's, whose values it is not shown; its own stand
/// alone, with nothing of the installation's under them (else a workspace could send the installation's SMTP password
/// to a server of its choosing). <c>DELETE</c> goes back to the installation's.</item>
/// <item><c>GET</c> and <c>PUT /api/plugins/{id}/settings/installation</c>: the installation's, for installation owners
/// only: the host's configuration with what they saved on top.</item>
/// </list>
/// Secrets are never returned, only whether they are set; a save that leaves a secret out keeps it. A save is checked
/// whole (types, then the plugin's own validator) and refused field by field; an accepted one is stored and applies at
/// once, on every host.
/// </summary>
internal static class PluginSettingsApi
{
    private const int MaxIdLength = 100;

    /// <summary>A setting as the settings form shows it; <see cref="Kind"/> is <c>text</c>, <c>number</c> (whole), <c>boolean</c>, <c>choice</c> or <c>map</c>.</summary>
    public sealed record SettingFieldView(string Name, string Label, string Kind, bool Secret, IReadOnlyList<string> Choices, string? Description);

    /// <summary>
    /// A plugin's settings: their fields, the values in effect (secrets left out) and which secrets are set.
    /// <see cref="Inherited"/>: the workspace has no settings of its own and uses the installation's (whose values are
    /// not shown: <see cref="Values"/> are then the plugin's defaults, a starting point for the workspace's own).
    /// </summary>
    public sealed record PluginSettingsView(
        string PluginId, IReadOnlyList<SettingFieldView> Fields, IReadOnlyDictionary<string, object?> Values, IReadOnlyList<string> SecretsSet, bool Inherited);

    public static void MapPluginSettingsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{id}/settings", GetForWorkspace).WithName("GetPluginSettings").WithSummary("Get a plugin's settings for this workspace").RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapPut("/{id}/settings", SaveForWorkspace).WithName("SavePluginSettings").WithSummary("Save a plugin's settings for this workspace").RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapDelete("/{id}/settings", ResetForWorkspace).WithName("ResetPluginSettings").WithSummary("Reset a plugin's workspace settings to the installation's").RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapGet("/{id}/settings/installation", GetForInstallation).WithName("GetInstallationPluginSettings").WithSummary("Get a plugin's installation-wide settings").RequireInstallationOwner();
        group.MapPut("/{id}/settings/installation", SaveForInstallation).WithName("SaveInstallationPluginSettings").WithSummary("Save a plugin's installation-wide settings").RequireInstallationOwner();
    }

    private static Results<Ok<PluginSettingsView>, NotFound> GetForWorkspace(string id, PluginActivation plugins, SavedPluginSettings saved, WorkspaceScope scope) =>
        Find(id, plugins) is { } declaration ? TypedResults.Ok(WorkspaceView(declaration, saved, scope.WorkspaceId)) : TypedResults.NotFound();

    private static Results<Ok<PluginSettingsView>, NotFound> GetForInstallation(string id, PluginActivation plugins) =>
        Find(id, plugins) is { } declaration ? TypedResults.Ok(InstallationView(declaration)) : TypedResults.NotFound();

    private static async Task<Results<Ok<PluginSettingsView>, NotFound, ValidationProblem>> SaveForWorkspace(
        string id, Dictionary<string, JsonElement> body, PluginActivation plugins, SavedPluginSettings saved, PluginSettingsTable table, IEventBus events,
        WorkspaceScope scope, CancellationToken cancellationToken)
    {
        if (Find(id, plugins) is not { } declaration)
        {
            return TypedResults.NotFound();
        }
        var previous = saved.WorkspaceValuesOf(scope.WorkspaceId, declaration.PluginId) ?? new Dictionary<string, string>();
        var (values, problem) = Check(declaration, body, previous, under: null);
        if (problem is not null)
        {
            return problem;
        }
        await table.SaveForWorkspaceAsync(scope.WorkspaceId, declaration.PluginId, values!, scope.UserId, cancellationToken);
        saved.ReplaceForWorkspace(scope.WorkspaceId, declaration.PluginId, values);
        // Not cancelled with the request: once the settings are stored, the other hosts must use them too.
        await events.PublishAsync(new PluginSettingsChanged(declaration.PluginId), CancellationToken.None);
        return TypedResults.Ok(WorkspaceView(declaration, saved, scope.WorkspaceId));
    }

    private static async Task<Results<Ok<PluginSettingsView>, NotFound>> ResetForWorkspace(
        string id, PluginActivation plugins, SavedPluginSettings saved, PluginSettingsTable table, IEventBus events, WorkspaceScope scope, CancellationToken cancellationToken)
    {
        if (Find(id, plugins) is not { } declaration)
        {
            return TypedResults.NotFound();
        }
        await table.DeleteForWorkspaceAsync(scope.WorkspaceId, declaration.PluginId, cancellationToken);
        saved.ReplaceForWorkspace(scope.WorkspaceId, declaration.PluginId, null);
        await events.PublishAsync(new PluginSettingsChanged(declaration.PluginId), CancellationToken.None);
        return TypedResults.Ok(WorkspaceView(declaration, saved, scope.WorkspaceId));
    }

    private static async Task<Results<Ok<PluginSettingsView>, NotFound, ValidationProblem>> SaveForInstallation(
        string id, Dictionary<string, JsonElement> body, PluginActivation plugins, SavedPluginSettings saved, PluginSettingsTable table, IEventBus events,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (Find(id, plugins) is not { } declaration)
        {
            return TypedResults.NotFound();
        }
        var (values, problem) = Check(declaration, body, saved.ValuesOf(declaration.PluginId), under: declaration.HostSection);
        if (problem is not null)
        {
            return problem;
        }
        await table.SaveAsync(declaration.PluginId, values!, WorkspaceScope.UserIdOf(http.User)!, cancellationToken);
        saved.Replace(declaration.PluginId, values!);
        await events.PublishAsync(new PluginSettingsChanged(declaration.PluginId), CancellationToken.None);
        return TypedResults.Ok(InstallationView(declaration));
    }

    /// <summary>
    /// The values a save would store (configuration keys), or the problem that refuses it: each field's type, then the
    /// plugin's validator over the whole candidate: <paramref name="under"/> (the host's configuration, for the
    /// installation; nothing, for a workspace) with the values on top.
    /// </summary>
    private static (Dictionary<string, string>? Values, ValidationProblem? Problem) Check(
        PluginSettingsDeclaration declaration, Dictionary<string, JsonElement> body, IReadOnlyDictionary<string, string> previous, IConfiguration? under)
    {
        var schema = declaration.Schema;
        var errors = new FieldErrors();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in body)
        {
            var field = schema.Find(name);
            if (field is null)
            {
                errors.Add(name, "Not a setting of this plugin.");
                continue;
            }
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            var (converted, problem) = SettingsSchema.ToConfiguration(field, value);
            if (problem is not null)
            {
                errors.Add(field.Field, problem);
                continue;
            }
            foreach (var (key, text) in converted!)
            {
                values[key] = text;
            }
        }
        // A secret left out (or null) keeps what was saved: the form never receives it, so it cannot send it back.
        foreach (var secret in schema.Fields.Where(f => f.Secret && (!body.TryGetValue(f.Field, out var v) || v.ValueKind == JsonValueKind.Null)))
        {
            foreach (var (key, text) in previous.Where(p => IsKeyOf(secret, p.Key)))
            {
                values[key] = text;
            }
        }
        if (errors.Any)
        {
            return (null, errors.ToProblem());
        }

        object candidate;
        try
        {
            var builder = new ConfigurationBuilder();
            if (under is not null)
            {
                builder.AddConfiguration(under, shouldDisposeConfiguration: false);
            }
            candidate = schema.Bind(builder.AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());
        }
        catch (InvalidOperationException e)
        {
            // A value of the wrong type in the host's own configuration, under a setting this save did not change.
            return (null, FieldErrors.For("$", $"The server's configuration of this plugin is invalid: {e.Message}"));
        }
        foreach (var error in schema.Validate(candidate))
        {
            errors.Add(SettingsSchema.FieldName(error.Field), error.Message);
        }
        return errors.Any ? (null, errors.ToProblem()) : (values, null);
    }

    private static PluginSettingsDeclaration? Find(string id, PluginActivation plugins) =>
        id.Length > MaxIdLength ? null : plugins.Catalog.Entries.FirstOrDefault(e => e.Status == PluginStatus.Loaded && e.Id == id)?.Settings;

    private static bool IsKeyOf(SettingField field, string key) =>
        string.Equals(key, field.Name, StringComparison.OrdinalIgnoreCase) || key.StartsWith(field.Name + ":", StringComparison.OrdinalIgnoreCase);

    private static PluginSettingsView InstallationView(PluginSettingsDeclaration declaration) =>
        View(declaration, declaration.Schema.Bind(declaration.Configuration), inherited: false);

    private static PluginSettingsView WorkspaceView(PluginSettingsDeclaration declaration, SavedPluginSettings saved, string workspaceId) =>
        saved.WorkspaceValuesOf(workspaceId, declaration.PluginId) is { } values
            ? View(declaration, declaration.Schema.Bind(SavedPluginSettings.Standalone(values)), inherited: false)
            : View(declaration, declaration.Schema.Bind(SavedPluginSettings.Standalone(new Dictionary<string, string>())), inherited: true);

    private static PluginSettingsView View(PluginSettingsDeclaration declaration, object current, bool inherited)
    {
        var schema = declaration.Schema;
        return new PluginSettingsView(
            declaration.PluginId,
            schema.Fields.Select(f => new SettingFieldView(f.Field, f.Label, JsonNamingPolicy.CamelCase.ConvertName(f.Kind.ToString()), f.Secret, f.Choices, f.Description)).ToList(),
            schema.Fields.Where(f => !f.Secret).ToDictionary(f => f.Field, f => SettingsSchema.ToJson(f, current), StringComparer.Ordinal),
            inherited ? [] : schema.Fields.Where(f => f.Secret && SettingsSchema.IsSet(f, current)).Select(f => f.Field).ToList(),
            inherited);
    }
}
