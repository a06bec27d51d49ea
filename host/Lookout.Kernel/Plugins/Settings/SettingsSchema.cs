using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lookout.Plugins;

namespace Lookout.Kernel.Plugins.Settings;

/// <summary>The kinds of value a plugin setting holds, as the admin API and the settings form know them.</summary>
public enum SettingKind
{
    Text,
    Number,
    Boolean,
    Choice,
    Map,
}

/// <summary>One setting of a plugin: a public settable property of its settings class.</summary>
/// <param name="Name">The property's name, as configuration spells it (e.g. <c>FromAddress</c>).</param>
/// <param name="Field">Its name in the admin API, camelCase (e.g. <c>fromAddress</c>).</param>
/// <param name="Choices">For an enum, its names in declaration order; otherwise empty.</param>
public sealed record SettingField(string Name, string Field, string Label, SettingKind Kind, bool Secret, IReadOnlyList<string> Choices, string? Description, PropertyInfo Property);

/// <summary>
/// The settings class a plugin declared with <see cref="IPluginRegistration.AddSettings{TSettings}"/>, read once by
/// reflection: its fields, how to turn the admin API's JSON into configuration values and back, and its validator.
/// </summary>
public sealed partial class SettingsSchema
{
    private const int MaxTextLength = 4000;

    private readonly Func<object, IEnumerable<SettingsError>> _validate;

    private SettingsSchema(Type type, IReadOnlyList<SettingField> fields, Func<object, IEnumerable<SettingsError>> validate)
    {
        Type = type;
        Fields = fields;
        _validate = validate;
    }

    public Type Type { get; }

    public IReadOnlyList<SettingField> Fields { get; }

    /// <summary>Reads <typeparamref name="TSettings"/>; throws when a property has a type settings cannot hold.</summary>
    public static SettingsSchema For<TSettings>(Func<TSettings, IEnumerable<SettingsError>> validate)
        where TSettings : class, new()
    {
        ArgumentNullException.ThrowIfNull(validate);
        var fields = typeof(TSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .Select(FieldOf)
            .ToList();
        return new SettingsSchema(typeof(TSettings), fields, settings => validate((TSettings)settings));
    }

    /// <summary>Binds a settings instance from <paramref name="configuration"/> (the plugin's section); throws <see cref="InvalidOperationException"/> for a value of the wrong type.</summary>
    public object Bind(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var settings = Activator.CreateInstance(Type)!;
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configuration, settings);
        return settings;
    }

    public IEnumerable<SettingsError> Validate(object settings) => _validate(settings);

    public SettingField? Find(string field) => Fields.FirstOrDefault(f => string.Equals(f.Field, field, StringComparison.Ordinal));

    /// <summary>
    /// The configuration keys and values (relative to the plugin's section) a JSON value of <paramref name="field"/>
    /// stands for, or why it cannot.
    /// </summary>
    public static (IReadOnlyDictionary<string, string>? Values, string? Problem) ToConfiguration(SettingField field, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(field);
        string? Text(string text) => text.Length > MaxTextLength ? null : text;
        switch (field.Kind)
        {
            case SettingKind.Text when value.ValueKind == JsonValueKind.String && Text(value.GetString()!) is { } text:
                return (Single(field.Name, text), null);
            case SettingKind.Text:
                return (null, $"Text of at most {MaxTextLength} characters.");
            case SettingKind.Number when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number):
                return (Single(field.Name, number.ToString(CultureInfo.InvariantCulture)), null);
            case SettingKind.Number:
                return (null, "A whole number.");
            case SettingKind.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return (Single(field.Name, value.GetBoolean() ? "true" : "false"), null);
            case SettingKind.Boolean:
                return (null, "true or false.");
            case SettingKind.Choice when value.ValueKind == JsonValueKind.String
                && field.Choices.FirstOrDefault(c => string.Equals(c, value.GetString(), StringComparison.OrdinalIgnoreCase)) is { } choice:
                return (Single(field.Name, choice), null);
            case SettingKind.Choice:
                return (null, $"One of {string.Join(", ", field.Choices)}.");
            case SettingKind.Map when value.ValueKind == JsonValueKind.Object:
                var entries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var entry in value.EnumerateObject())
                {
                    if (!MapKey().IsMatch(entry.Name) || entry.Value.ValueKind != JsonValueKind.String || Text(entry.Value.GetString()!) is null)
                    {
                        return (null, "An object of names (letters, digits, '-', '_', '.') to text values.");
                    }
                    entries[$"{field.Name}:{entry.Name}"] = entry.Value.GetString()!;
                }
                return (entries, null);
            case SettingKind.Map:
                return (null, "An object of names to text values.");
            default:
                throw new InvalidOperationException($"Unknown setting kind {field.Kind}.");
        }
    }

    /// <summary>The value of <paramref name="field"/> in <paramref name="settings"/>, as the admin API shows it.</summary>
    public static object? ToJson(SettingField field, object settings)
    {
        ArgumentNullException.ThrowIfNull(field);
        var value = field.Property.GetValue(settings);
        return field.Kind switch
        {
            SettingKind.Choice => value?.ToString(),
            SettingKind.Map => value is IEnumerable<KeyValuePair<string, string>> map ? map.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal) : null,
            _ => value,
        };
    }

    /// <summary>Whether a secret field holds a value (a non-empty string or map).</summary>
    public static bool IsSet(SettingField field, object settings)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Property.GetValue(settings) switch
        {
            null => false,
            string text => text.Length > 0,
            IEnumerable<KeyValuePair<string, string>> map => map.Any(),
            _ => true,
        };
    }

    /// <summary><c>FromAddress</c> → <c>fromAddress</c>, as the admin API names fields.</summary>
    public static string FieldName(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    private static Dictionary<string, string> Single(string key, string value) => new(StringComparer.OrdinalIgnoreCase) { [key] = value };

    private static SettingField FieldOf(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var kind = type == typeof(string) ? SettingKind.Text
            : type == typeof(int) ? SettingKind.Number
            : type == typeof(bool) ? SettingKind.Boolean
            : type.IsEnum ? SettingKind.Choice
            : typeof(IDictionary<string, string>).IsAssignableFrom(type) ? SettingKind.Map
            : throw new InvalidOperationException(
                $"Setting {property.DeclaringType?.Name}.{property.Name} is a {type.Name}; settings are strings, ints, booleans, enums or string dictionaries.");
        return new SettingField(
            property.Name,
            FieldName(property.Name),
            property.GetCustomAttribute<DisplayNameAttribute>()?.DisplayName ?? Label(property.Name),
            kind,
            property.GetCustomAttribute<SecretSettingAttribute>() is not null,
            kind == SettingKind.Choice ? Enum.GetNames(type) : [],
            property.GetCustomAttribute<DescriptionAttribute>()?.Description,
            property);
    }

    /// <summary><c>FromDisplayName</c> → <c>From display name</c>.</summary>
    private static string Label(string name)
    {
        var words = Words().Matches(name).Select(m => m.Value).ToList();
        return string.Join(' ', words.Select((w, i) => i == 0 || w.All(char.IsUpper) ? w : w.ToLowerInvariant()));
    }

    [GeneratedRegex("[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")]
    private static partial Regex Words();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex MapKey();
}
