using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Lookout.Plugins.Attachments.Templates;

/// <summary>
/// The data a template sees: objects, lists, strings, numbers, booleans and dates, copied from the request so that no
/// other .NET object ever reaches Handlebars (it would otherwise reflect over any object's public members). Reading
/// it checks the render's budget, so loops that write nothing still stop at the deadline.
/// </summary>
internal static class TemplateData
{
    /// <summary>Copies <paramref name="data"/>, its dates moved into the recipient's time zone.</summary>
    /// <exception cref="AttachmentTemplateException">The data is nested too deeply or holds too many values.</exception>
    /// <exception cref="ArgumentException">A value is of a type attachment data cannot hold.</exception>
    public static TemplateObject From(IReadOnlyDictionary<string, object?> data, TemplateRendering rendering)
    {
        var values = 0;
        return (TemplateObject)Copy(data, "", 0, rendering, ref values)!;
    }

    private static object? Copy(object? value, string path, int depth, TemplateRendering rendering, ref int values)
    {
        var limits = rendering.Limits;
        if (++values > limits.MaxDataValues)
        {
            throw new AttachmentTemplateException($"The data holds more than {limits.MaxDataValues.ToString("N0", CultureInfo.InvariantCulture)} values.");
        }
        if (depth > limits.MaxDataDepth)
        {
            throw new AttachmentTemplateException($"The data is nested more than {limits.MaxDataDepth} levels deep (at {path}).");
        }
        switch (value)
        {
            case null or string or bool or long or decimal or double:
                return value;
            case int or short or byte or sbyte or ushort or uint:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case ulong or float:
                return Convert.ToDecimal(value, CultureInfo.InvariantCulture);
            case DateTimeOffset at:
                return rendering.Date(at);
            case DateTime at:
                return rendering.Date(new DateTimeOffset(at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at));
            case JsonElement json:
                return Copy(FromJson(json), path, depth, rendering, ref values);
            case IEnumerable<KeyValuePair<string, object?>> entries:
                var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, field) in entries)
                {
                    fields[key] = Copy(field, path.Length == 0 ? key : $"{path}.{key}", depth + 1, rendering, ref values);
                }
                return new TemplateObject(fields, rendering.Budget);
            case IEnumerable items:
                var list = new List<object?>();
                foreach (var item in items)
                {
                    list.Add(Copy(item, $"{path}[{list.Count}]", depth + 1, rendering, ref values));
                }
                return new TemplateList(list, rendering.Budget);
            default:
                throw new ArgumentException(
                    $"Attachment data holds strings, numbers, booleans, dates, objects and lists; '{path}' is a {value.GetType().Name}.", nameof(value));
        }
    }

    private static object? FromJson(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => json.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)).ToList(),
        JsonValueKind.Array => json.EnumerateArray().Select(e => (object?)e).ToList(),
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number when json.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number when json.TryGetDecimal(out var exact) => exact,
        JsonValueKind.Number => json.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}

/// <summary>An object of the data: named values, read-only.</summary>
internal sealed class TemplateObject(Dictionary<string, object?> fields, RenderBudget budget) : IReadOnlyDictionary<string, object?>
{
    public object? this[string key]
    {
        get
        {
            budget.Check();
            return fields[key];
        }
    }

    public IEnumerable<string> Keys => fields.Keys;

    public IEnumerable<object?> Values => fields.Values;

    public int Count => fields.Count;

    public bool ContainsKey(string key) => fields.ContainsKey(key);

    public bool TryGetValue(string key, out object? value)
    {
        budget.Check();
        return fields.TryGetValue(key, out value);
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        foreach (var field in fields)
        {
            budget.Check();
            yield return field;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A list of the data, read-only; <c>length</c> is its size.</summary>
internal sealed class TemplateList(List<object?> items, RenderBudget budget) : IReadOnlyList<object?>
{
    public object? this[int index]
    {
        get
        {
            budget.Check();
            return items[index];
        }
    }

    public int Count => items.Count;

    public IEnumerator<object?> GetEnumerator()
    {
        foreach (var item in items)
        {
            budget.Check();
            yield return item;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A moment in the recipient's time zone; printed plainly, it takes the format's default date format.</summary>
internal sealed class TemplateDate(DateTimeOffset local, string defaultFormat)
{
    internal DateTimeOffset Local { get; } = local;

    public override string ToString() => Local.ToString(defaultFormat, CultureInfo.InvariantCulture);
}
