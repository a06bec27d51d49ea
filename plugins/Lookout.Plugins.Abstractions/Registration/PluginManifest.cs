using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Lookout.Plugins;

/// <summary>
/// A plugin's <c>plugin.json</c>: who it is, which SDK it was built for, and which assembly to load. External plugins
/// keep it in their folder; built-in ones embed it as the resource <c>plugin.json</c>.
/// </summary>
/// <example>
/// <code>
/// {
///   "id": "sample-webhook",
///   "version": "1.2.0",
///   "sdkVersion": "1.0",
///   "assembly": "Lookout.Samples.Webhook.dll",
///   "name": "Webhook (sample)",
///   "description": "Posts notifications as signed JSON."
/// }
/// </code>
/// </example>
/// <param name="Id">Unique in a host: lower-case letters and digits in parts joined by <c>-</c> or <c>.</c> (e.g. <c>acme-teams</c>); also the plugin's configuration section, <c>Plugins:&lt;id&gt;</c>.</param>
/// <param name="Version">The plugin's own version, as its author numbers it (e.g. <c>1.2.0</c>).</param>
/// <param name="SdkVersion">The SDK version it was built against, <c>major.minor</c> (see <see cref="LookoutSdk.Supports"/>).</param>
/// <param name="Assembly">The file name of the assembly that carries <see cref="LookoutPluginAttribute"/>, in the plugin's folder.</param>
/// <param name="Name">A name for people; the id when not given.</param>
/// <param name="Description">What it does, in a sentence; may be empty.</param>
public sealed partial record PluginManifest(string Id, string Version, Version SdkVersion, string Assembly, string Name, string Description)
{
    /// <summary>The file name the host looks for in a plugin's folder.</summary>
    public const string FileName = "plugin.json";

    private const int MaxLength = 200;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads a <c>plugin.json</c>.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="FormatException">Not JSON, or a field is missing or invalid; the message names the field.</exception>
    public static PluginManifest Parse(string json)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{FileName} is not valid JSON: {e.Message}", e);
        }
        if (document is null)
        {
            throw new FormatException($"{FileName} must be a JSON object.");
        }

        var id = Required(document.Id, "id");
        if (id.Length > 100 || !IdPattern().IsMatch(id) || id == "path")
        {
            throw new FormatException($"{FileName}: id '{id}' must be lower-case letters and digits, in parts joined by '-' or '.' (and not 'path').");
        }
        var version = Required(document.Version, "version");
        var sdk = Required(document.SdkVersion, "sdkVersion");
        if (!System.Version.TryParse(sdk, out var sdkVersion) || sdk.Count(c => c == '.') > 2)
        {
            throw new FormatException($"{FileName}: sdkVersion '{sdk}' is not a version such as 1.0.");
        }
        var assembly = Required(document.Assembly, "assembly");
        if (!assembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || assembly.IndexOfAny(['/', '\\']) >= 0 || assembly.StartsWith('.'))
        {
            throw new FormatException($"{FileName}: assembly '{assembly}' must be the file name of a .dll in the plugin's folder.");
        }
        return new PluginManifest(id, version, sdkVersion, assembly, Optional(document.Name, "name") ?? id, Optional(document.Description, "description") ?? "");
    }

    private static string Required(string? value, string field) =>
        Optional(value, field) ?? throw new FormatException($"{FileName}: '{field}' is required.");

    private static string? Optional(string? value, string field) => value?.Trim() switch
    {
        null or "" => null,
        { Length: > MaxLength } => throw new FormatException($"{FileName}: '{field}' is longer than {MaxLength} characters."),
        var trimmed => trimmed,
    };

    [GeneratedRegex("^[a-z0-9]+([.-][a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    private sealed record Document(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("version")] string? Version,
        [property: JsonPropertyName("sdkVersion")] string? SdkVersion,
        [property: JsonPropertyName("assembly")] string? Assembly,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("description")] string? Description);
}
