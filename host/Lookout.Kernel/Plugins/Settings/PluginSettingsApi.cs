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
/// <c>GET</c> and <c>PUT /api/plugins/{id}/settings</c>: the settings a loaded plugin declared, read and saved by
/// admins at runtime. Secrets are never returned, only whether they are set; a save that leaves a secret out keeps it.
/// A save is checked whole (types, then the plugin's own validator, over the host's configuration) and refused field by
/// field; an accepted one is stored and applies at once.
/// </summary>
/// <remarks>
/// Plugins, and so their settings, are host-wide: every workspace's deliveries use them. There is no host-admin role
/// yet, so an Admin of any workspace may change them, as <c>GET /api/plugins</c> lists them to any Admin.
/// </remarks>
internal static class PluginSettingsApi
{
    private const int MaxIdLength = 100;

    /// <summary>A setting as the settings form shows it; <see cref="Kind"/> is <c>text</c>, <c>number</c> (whole), <c>boolean</c>, <c>choice</c> or <c>map</c>.</summary>
    public sealed record SettingFieldView(string Name, string Label, string Kind, bool Secret, IReadOnlyList<string> Choices, string? Description);

    /// <summary>
    /// A plugin's settings: their fields, the values in effect (the host's configuration with what admins saved on top;
    /// secrets left out) and which secrets are set.
    /// </summary>
    public sealed record PluginSettingsView(string PluginId, IReadOnlyList<SettingFieldView> Fields, IReadOnlyDictionary<string, object?> Values, IReadOnlyList<string> SecretsSet);

    public static void MapPluginSettingsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{id}/settings", Get).WithName("GetPluginSettings").RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapPut("/{id}/settings", Put).WithName("SavePluginSettings").RequireWorkspaceRole(WorkspaceRole.Admin);
    }

    private static Results<Ok<PluginSettingsView>, NotFound> Get(string id, PluginActivation plugins) =>
        Find(id, plugins) is { } declaration ? TypedResults.Ok(View(declaration)) : TypedResults.NotFound();

    private static async Task<Results<Ok<PluginSettingsView>, NotFound, ValidationProblem>> Put(
        string id, Dictionary<string, JsonElement> body, PluginActivation plugins, SavedPluginSettings saved, PluginSettingsTable table, IEventBus events,
        WorkspaceScope scope, HttpContext http)
    {
        if (Find(id, plugins) is not { } declaration)
        {
            return TypedResults.NotFound();
        }
        var schema = declaration.Schema;
        var errors = new FieldErrors();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var previous = saved.ValuesOf(declaration.PluginId);
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
            return errors.ToProblem();
        }

        object candidate;
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddConfiguration(declaration.HostSection, shouldDisposeConfiguration: false)
                .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
                .Build();
            candidate = schema.Bind(configuration);
        }
        catch (InvalidOperationException e)
        {
            // A value of the wrong type in the host's own configuration, under a setting this save did not change.
            return FieldErrors.For("$", $"The server's configuration of this plugin is invalid: {e.Message}");
        }
        foreach (var error in schema.Validate(candidate))
        {
            errors.Add(SettingsSchema.FieldName(error.Field), error.Message);
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await table.SaveAsync(declaration.PluginId, values, scope.UserId, http.RequestAborted);
        saved.Replace(declaration.PluginId, values);
        // Not cancelled with the request: once the settings are stored, the other hosts must use them too.
        await events.PublishAsync(new PluginSettingsChanged(declaration.PluginId), CancellationToken.None);
        return TypedResults.Ok(View(declaration));
    }

    private static PluginSettingsDeclaration? Find(string id, PluginActivation plugins) =>
        id.Length > MaxIdLength ? null : plugins.Catalog.Entries.FirstOrDefault(e => e.Status == PluginStatus.Loaded && e.Id == id)?.Settings;

    private static bool IsKeyOf(SettingField field, string key) =>
        string.Equals(key, field.Name, StringComparison.OrdinalIgnoreCase) || key.StartsWith(field.Name + ":", StringComparison.OrdinalIgnoreCase);

    private static PluginSettingsView View(PluginSettingsDeclaration declaration)
    {
        var schema = declaration.Schema;
        var current = schema.Bind(declaration.Configuration);
        return new PluginSettingsView(
            declaration.PluginId,
            schema.Fields.Select(f => new SettingFieldView(f.Field, f.Label, JsonNamingPolicy.CamelCase.ConvertName(f.Kind.ToString()), f.Secret, f.Choices, f.Description)).ToList(),
            schema.Fields.Where(f => !f.Secret).ToDictionary(f => f.Field, f => SettingsSchema.ToJson(f, current), StringComparer.Ordinal),
            schema.Fields.Where(f => f.Secret && SettingsSchema.IsSet(f, current)).Select(f => f.Field).ToList());
    }
}
