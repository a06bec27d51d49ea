using System.Collections;
using System.Globalization;
using System.Text.Json;
using Fluid.Values;
using Lookout.Plugins;

namespace Lookout.Kernel.Templates;

/// <summary>
/// The data a template sees, built as Fluid values from the caller's dictionaries, lists and scalars, so that no
/// other .NET object ever reaches Fluid (it would otherwise read any object's public members). Dates are moved into
/// the render's time zone; objects let a template read their own fields only.
/// </summary>
internal sealed class LiquidData(RenderState render)
{
    private int _values;

    /// <exception cref="LiquidTemplateException">The data is nested too deeply or holds too many values.</exception>
    /// <exception cref="ArgumentException">A value is of a type template data cannot hold.</exception>
    public DataObject Root(IReadOnlyDictionary<string, object?> data) => (DataObject)Copy(data, "", 0);

    /// <summary>A filter's result as a Fluid value: plain data, or <see cref="LiquidRaw"/> text written as it is.</summary>
    public FluidValue Result(object? value) => value is LiquidRaw raw ? StringValue.Create(raw.Text, false) : Copy(value, "the filter's result", 0);

    private FluidValue Copy(object? value, string path, int depth)
    {
        var limits = render.Limits;
        if (++_values > limits.MaxDataValues)
        {
            throw new LiquidTemplateException($"The data holds more than {limits.MaxDataValues.ToString("N0", CultureInfo.InvariantCulture)} values.");
        }
        if (depth > limits.MaxDataDepth)
        {
            throw new LiquidTemplateException($"The data is nested more than {limits.MaxDataDepth} levels deep (at {path}).");
        }
        switch (value)
        {
            case null:
                return NilValue.Instance;
            case FluidValue fluid:
                return fluid;
            case string text:
                return StringValue.Create(text);
            case bool flag:
                return BooleanValue.Create(flag);
            case int or long or short or byte or sbyte or ushort or uint or ulong or decimal:
                return NumberValue.Create(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
            case double or float:
                var real = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return double.IsFinite(real) && Math.Abs(real) < 7.9e28 ? NumberValue.Create((decimal)real) : NilValue.Instance;
            case DateTimeOffset at:
                return render.Date(at);
            case DateTime at:
                return render.Date(new DateTimeOffset(at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at));
            case JsonElement json:
                return Copy(FromJson(json), path, depth);
            case IEnumerable<KeyValuePair<string, object?>> entries:
                var fields = new Dictionary<string, FluidValue>(StringComparer.Ordinal);
                foreach (var (key, field) in entries)
                {
                    fields[key] = Copy(field, path.Length == 0 ? key : $"{path}.{key}", depth + 1);
                }
                return new DataObject(fields, path, render);
            case IEnumerable items:
                var list = new List<FluidValue>();
                foreach (var item in items)
                {
                    list.Add(Copy(item, $"{path}[{list.Count}]", depth + 1));
                }
                return ArrayValue.Create(list);
            default:
                throw new ArgumentException(
                    $"Template data holds strings, numbers, booleans, dates, objects and lists; '{path}' is a {value.GetType().Name}.", nameof(value));
        }
    }

    /// <summary>A Fluid value as plain data, as a <see cref="LiquidFilter"/> receives it.</summary>
    public static object? Plain(FluidValue value, TemplateContextAccess context) => value switch
    {
        null or BaseNilValue or EmptyValue or BlankValue => null,
        StringValue text => text.ToStringValue(context.Context),
        NumberValue number => number.ToNumberValue(context.Context),
        BooleanValue flag => flag.ToBooleanValue(context.Context),
        LocalDate date => date.Local,
        DataObject fields => fields.Plain(context),
        ArrayValue items => items.Values.Select(item => Plain(item, context)).ToList(),
        _ when value.Type == FluidValues.DateTime && value.ToObjectValue(context.Context) is DateTimeOffset at => context.Render.Date(at).Local,
        _ => value.ToStringValue(context.Context),
    };

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

/// <summary>A render's context and state together, for what converts values.</summary>
internal readonly record struct TemplateContextAccess(Fluid.TemplateContext Context, RenderState Render);
