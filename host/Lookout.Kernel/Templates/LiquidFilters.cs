using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fluid;
using Fluid.Values;
using Lookout.Plugins;

namespace Lookout.Kernel.Templates;

/// <summary>
/// The filters every template has besides Liquid's own (see <see cref="ILiquidTemplates"/>): they read data, never
/// code, and check the render's budget. Their text goes through the render's encoder like any other value.
/// </summary>
internal static class LiquidFilters
{
    private const int MaxFormatLength = 64;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly string[] Names = ["format_date", "duration", "join", "default", "json"];

    /// <summary>
    /// Liquid's own filter, whose text is always encoded for the output: <c>raw</c>, <c>escape</c> and
    /// <c>escape_once</c> would otherwise write it unencoded (raw HTML in an HTML attachment, a formula in a CSV one).
    /// </summary>
    public static FilterDelegate Encoded(FilterDelegate filter) => (input, arguments, context) =>
    {
        var result = filter(input, arguments, context);
        return result.IsCompletedSuccessfully ? new ValueTask<FluidValue>(Encode(result.Result, context)) : Awaited(result, context);

        static async ValueTask<FluidValue> Awaited(ValueTask<FluidValue> result, TemplateContext context) => Encode(await result, context);

        static FluidValue Encode(FluidValue value, TemplateContext context) =>
            value is StringValue { Encode: false } text ? StringValue.Create(text.ToStringValue(context)) : value;
    };

    public static void AddTo(TemplateOptionsBuilder options)
    {
        options.AddFilter("format_date", FormatDate);
        options.AddFilter("duration", Duration);
        options.AddFilter("join", Join);
        options.AddFilter("default", Default);
        options.AddFilter("json", Json);
    }

    /// <summary>A filter a render adds, called with plain data.</summary>
    public static FilterDelegate Extra(string name) => (input, arguments, context) =>
    {
        var render = State(context);
        var filter = render.Request.Filters[name];
        var access = new TemplateContextAccess(context, render);
        var plainArguments = Enumerable.Range(0, arguments.Count).Select(i => LiquidData.Plain(arguments.At(i), access)).ToList();
        return new ValueTask<FluidValue>(render.Data!.Result(filter(LiquidData.Plain(input, access), plainArguments, render)));
    };

    public static RenderState State(TemplateContext context)
    {
        var render = (RenderState)context.AmbientValues[RenderState.Key];
        render.Budget.Check();
        return render;
    }

    private static ValueTask<FluidValue> FormatDate(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var render = State(context);
        DateTimeOffset? at = input switch
        {
            LocalDate date => date.Local,
            StringValue text when DateTimeOffset.TryParse(text.ToStringValue(context), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => render.Date(parsed).Local,
            _ => null,
        };
        if (at is null)
        {
            return input.IsNil()
                ? new ValueTask<FluidValue>(StringValue.Empty)
                : throw new TemplateStoppedException($"format_date: \"{Clip(input.ToStringValue(context))}\" is not a date.");
        }
        var pattern = arguments.Count == 0 || arguments.At(0).IsNil() ? render.Request.DefaultDateFormat : arguments.At(0).ToStringValue(context);
        if (pattern.Length is 0 or > MaxFormatLength)
        {
            throw new TemplateStoppedException($"format_date: the format must have 1 to {MaxFormatLength} characters, e.g. \"yyyy-MM-dd HH:mm\".");
        }
        try
        {
            return new ValueTask<FluidValue>(StringValue.Create(at.Value.ToString(pattern, CultureInfo.InvariantCulture)));
        }
        catch (FormatException)
        {
            throw new TemplateStoppedException($"format_date: \"{pattern}\" is not a date format such as \"yyyy-MM-dd HH:mm\".");
        }
    }

    /// <summary>Seconds as people read them: <c>45 s</c>, <c>3 min 20 s</c>, <c>2 h 05 min</c>.</summary>
    private static ValueTask<FluidValue> Duration(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        State(context);
        double? seconds = input switch
        {
            NumberValue number => (double)number.ToNumberValue(context),
            StringValue text when double.TryParse(text.ToStringValue(context), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        if (seconds is not { } s || double.IsNaN(s) || s < 0 || s > TimeSpan.MaxValue.TotalSeconds)
        {
            return new ValueTask<FluidValue>(StringValue.Empty);
        }
        var span = TimeSpan.FromSeconds(Math.Round(s));
        var written = span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalHours} h {span.Minutes:00} min")
            : span.TotalMinutes >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min {span.Seconds:00} s")
                : string.Create(CultureInfo.InvariantCulture, $"{span.Seconds} s");
        return new ValueTask<FluidValue>(StringValue.Create(written));
    }

    private static ValueTask<FluidValue> Join(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var render = State(context);
        var separator = arguments.Count == 0 || arguments.At(0).IsNil() ? ", " : arguments.At(0).ToStringValue(context);
        var access = new TemplateContextAccess(context, render);
        var text = input is ArrayValue items
            ? string.Join(separator, items.Values.Select(item => render.Text(LiquidData.Plain(item, access))))
            : render.Text(LiquidData.Plain(input, access));
        return new ValueTask<FluidValue>(StringValue.Create(text));
    }

    /// <summary>The value, or the fallback when it is missing, blank or an empty list.</summary>
    private static ValueTask<FluidValue> Default(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        State(context);
        var missing = input.IsNil()
            || (input is StringValue text && string.IsNullOrWhiteSpace(text.ToStringValue(context)))
            || (input is ArrayValue { Values.Count: 0 });
        return new ValueTask<FluidValue>(missing ? (arguments.Count == 0 ? StringValue.Empty : arguments.At(0)) : input);
    }

    /// <summary>A value as JSON: objects, lists, strings (JSON-escaped), numbers, booleans, dates as ISO 8601 with their offset.</summary>
    private static ValueTask<FluidValue> Json(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var render = State(context);
        var json = ToJson(LiquidData.Plain(input, new TemplateContextAccess(context, render)), render);
        // In a JSON document the value is JSON already; elsewhere it is text like any other, encoded by the format.
        return new ValueTask<FluidValue>(StringValue.Create(json, !render.Request.JsonIsRaw));
    }

    private static string ToJson(object? value, RenderState render)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            WriteJson(writer, value, render);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteJson(Utf8JsonWriter writer, object? value, RenderState render)
    {
        render.Budget.Check();
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case DateTimeOffset at:
                writer.WriteStringValue(at.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
                break;
            case IReadOnlyDictionary<string, object?> fields:
                writer.WriteStartObject();
                foreach (var (key, field) in fields)
                {
                    writer.WritePropertyName(key);
                    WriteJson(writer, field, render);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable<object?> items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteJson(writer, item, render);
                }
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(render.Text(value));
                break;
        }
    }

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
