using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lookout.Outbox.Messages;

/// <summary>
/// An attachment template's data as stored with its message: JSON, with dates written as <c>{"$date": "..."}</c> so
/// that they come back as <see cref="DateTimeOffset"/>s a renderer shows in each recipient's time zone.
/// </summary>
internal static class TemplateData
{
    private const string DateMember = "$date";
    private const int MaxDepth = 32;

    /// <exception cref="ArgumentException">A value of a type templates cannot use, or nesting deeper than 32.</exception>
    public static JsonObject Write(IReadOnlyDictionary<string, object?> data) => WriteObject(data.Select(p => (p.Key, p.Value)), 0);

    public static Dictionary<string, object?> Read(JsonObject json) => ReadObject(json);

    private static JsonObject WriteObject(IEnumerable<(string Key, object? Value)> members, int depth)
    {
        var json = new JsonObject();
        foreach (var (key, value) in members)
        {
            json[key] = WriteValue(value, depth + 1);
        }
        return json;
    }

    private static JsonNode? WriteValue(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"Template data is nested deeper than {MaxDepth} levels.");
        }
        return value switch
        {
            null => null,
            string s => JsonValue.Create(s),
            bool b => JsonValue.Create(b),
            int or long or short or byte or uint or ushort or sbyte => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            ulong u => JsonValue.Create(u),
            double d => JsonValue.Create(d),
            float f => JsonValue.Create((double)f),
            decimal m => JsonValue.Create(m),
            DateTimeOffset at => new JsonObject { [DateMember] = at.ToString("O", CultureInfo.InvariantCulture) },
            DateTime at => new JsonObject { [DateMember] = new DateTimeOffset(at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at).ToString("O", CultureInfo.InvariantCulture) },
            IReadOnlyDictionary<string, object?> map => WriteObject(map.Select(p => (p.Key, p.Value)), depth),
            IDictionary map => WriteObject(map.Keys.Cast<object>().Select(k => (Convert.ToString(k, CultureInfo.InvariantCulture) ?? "", map[k])), depth),
            IEnumerable list => new JsonArray(list.Cast<object?>().Select(item => WriteValue(item, depth + 1)).ToArray()),
            _ => throw new ArgumentException($"Template data cannot hold a {value.GetType().Name}: use strings, numbers, booleans, DateTimeOffsets, dictionaries or lists."),
        };
    }

    private static Dictionary<string, object?> ReadObject(JsonObject json) =>
        json.ToDictionary(member => member.Key, member => ReadValue(member.Value), StringComparer.Ordinal);

    private static object? ReadValue(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o when o.Count == 1 && o[DateMember] is JsonValue date && date.TryGetValue<string>(out var text) =>
            DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        JsonObject o => ReadObject(o),
        JsonArray a => a.Select(ReadValue).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when v.TryGetValue<long>(out var whole) => whole,
            JsonValueKind.Number when v.TryGetValue<decimal>(out var exact) => exact,
            JsonValueKind.Number => v.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };
}
