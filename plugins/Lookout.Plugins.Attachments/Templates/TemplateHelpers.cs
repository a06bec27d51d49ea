using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HandlebarsDotNet;

namespace Lookout.Plugins.Attachments.Templates;

/// <summary>
/// The helpers every format has (see README.md): they read data, never code, and check the render's budget.
/// Their text goes through the format's escaping like any other value, except <c>json</c> in the json format.
/// </summary>
internal static class TemplateHelpers
{
    private const int MaxFormatLength = 64;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Register(IHandlebars handlebars, TemplateRendering rendering, bool jsonIsOutputFormat)
    {
        var budget = rendering.Budget;
        handlebars.RegisterHelper("formatDate", (context, arguments) =>
        {
            budget.Check();
            return FormatDate(rendering, Argument(arguments, 0), Argument(arguments, 1));
        });
        handlebars.RegisterHelper("duration", (context, arguments) =>
        {
            budget.Check();
            return Duration(Argument(arguments, 0));
        });
        handlebars.RegisterHelper("join", (context, arguments) =>
        {
            budget.Check();
            var separator = Argument(arguments, 1) is { } given ? TemplateRendering.Text(given) : ", ";
            return Argument(arguments, 0) is TemplateList list ? string.Join(separator, list.Select(TemplateRendering.Text)) : TemplateRendering.Text(Argument(arguments, 0));
        });
        handlebars.RegisterHelper("default", (context, arguments) =>
        {
            budget.Check();
            var value = Argument(arguments, 0);
            return value is null || (value is string text && string.IsNullOrWhiteSpace(text)) ? Argument(arguments, 1) : value;
        });
        handlebars.RegisterHelper("eq", (context, arguments) =>
        {
            budget.Check();
            return TemplateRendering.Text(Argument(arguments, 0)) == TemplateRendering.Text(Argument(arguments, 1));
        });
        handlebars.RegisterHelper("json", (in EncodedTextWriter output, in HelperOptions options, in Context context, in Arguments arguments) =>
        {
            budget.Check();
            var json = Json(Argument(arguments, 0));
            // In a json attachment the value is JSON already; elsewhere it is text like any other, escaped by the format.
            output.Write(json, !jsonIsOutputFormat);
        });
    }

    /// <summary>Argument <paramref name="index"/>, or null when missing or bound to nothing.</summary>
    public static object? Argument(Arguments arguments, int index)
    {
        if (index >= arguments.Length)
        {
            return null;
        }
        var value = arguments[index];
        return value is UndefinedBindingResult ? null : value;
    }

    private static string FormatDate(TemplateRendering rendering, object? value, object? format)
    {
        DateTimeOffset? at = value switch
        {
            TemplateDate date => date.Local,
            string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => TimeZoneInfo.ConvertTime(parsed, rendering.TimeZone),
            _ => null,
        };
        if (at is null)
        {
            return value is null ? "" : throw new TemplateStoppedException($"formatDate: \"{Clip(TemplateRendering.Text(value))}\" is not a date.");
        }
        var pattern = format is null ? rendering.DefaultDateFormat : TemplateRendering.Text(format);
        if (pattern.Length is 0 or > MaxFormatLength)
        {
            throw new TemplateStoppedException($"formatDate: the format must have 1 to {MaxFormatLength} characters, e.g. \"yyyy-MM-dd HH:mm\".");
        }
        try
        {
            return at.Value.ToString(pattern, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw new TemplateStoppedException($"formatDate: \"{pattern}\" is not a date format such as \"yyyy-MM-dd HH:mm\".");
        }
    }

    /// <summary>Seconds as people read them: <c>45 s</c>, <c>3 min 20 s</c>, <c>2 h 05 min</c>.</summary>
    private static string Duration(object? value)
    {
        double? seconds = value switch
        {
            long whole => whole,
            decimal exact => (double)exact,
            double inexact => inexact,
            string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        if (seconds is not { } s || double.IsNaN(s) || s < 0 || s > TimeSpan.MaxValue.TotalSeconds)
        {
            return "";
        }
        var span = TimeSpan.FromSeconds(Math.Round(s));
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalHours} h {span.Minutes:00} min")
            : span.TotalMinutes >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min {span.Seconds:00} s")
                : string.Create(CultureInfo.InvariantCulture, $"{span.Seconds} s");
    }

    /// <summary>A value as JSON: objects, lists, strings (JSON-escaped), numbers, booleans, dates as ISO 8601 with their offset.</summary>
    public static string Json(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            WriteJson(writer, value);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteJson(Utf8JsonWriter writer, object? value)
    {
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
            case long whole:
                writer.WriteNumberValue(whole);
                break;
            case decimal exact:
                writer.WriteNumberValue(exact);
                break;
            case double inexact when double.IsFinite(inexact):
                writer.WriteNumberValue(inexact);
                break;
            case TemplateDate date:
                writer.WriteStringValue(date.Local.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
                break;
            case TemplateObject fields:
                writer.WriteStartObject();
                foreach (var (key, field) in fields)
                {
                    writer.WritePropertyName(key);
                    WriteJson(writer, field);
                }
                writer.WriteEndObject();
                break;
            case TemplateList items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteJson(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(TemplateRendering.Text(value));
                break;
        }
    }

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
