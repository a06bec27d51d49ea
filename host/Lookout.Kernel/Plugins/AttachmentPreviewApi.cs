using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lookout.Kernel.Http;
using Lookout.Kernel.Tenancy;
using Lookout.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Kernel.Plugins;

/// <summary>
/// <c>POST /api/plugins/attachments/preview</c>: renders an attachment template against sample data with the renderer
/// of its format, for the admin writing it. A template the renderer refuses is a 400 on <c>template</c> with the line
/// and column (also as <c>line</c> and <c>column</c> in the problem) when the error has one.
/// </summary>
internal static partial class AttachmentPreviewApi
{
    private const string DefaultTimeZone = "Etc/UTC";

    private static readonly string[] Delimiters = [",", ";", "\t"];

    /// <summary>A CSV preference for the preview; what is not given takes <see cref="CsvPreference.Default"/>'s.</summary>
    public sealed record PreviewCsv(string? Delimiter, bool? Header, string? DateFormat, string? Encoding);

    /// <param name="SampleData">A JSON object; strings in ISO 8601 with an offset (<c>2026-11-21T09:30:00Z</c>) are read as dates, as real data holds them.</param>
    /// <param name="TimeZone">The recipient's IANA time zone; <c>Etc/UTC</c> when not given.</param>
    public sealed record PreviewRequest(string? Format, string? Template, JsonElement? SampleData, PreviewCsv? Csv, string? TimeZone);

    /// <param name="Content">The attachment as text (UTF-8, without a byte order mark).</param>
    public sealed record PreviewResult(string ContentType, string FileName, string Content, IReadOnlyList<string> Warnings);

    public static void MapAttachmentPreviewApi(this RouteGroupBuilder group) =>
        group.MapPost("/attachments/preview", Preview).WithName("PreviewAttachment").WithSummary("Render an attachment template with sample data").RequireWorkspaceRole(WorkspaceRole.Admin);

    private static async Task<Results<Ok<PreviewResult>, ValidationProblem>> Preview(PreviewRequest request, IAttachmentRendererRegistry renderers, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Text("format", request.Format, 50).Text("template", request.Template, int.MaxValue);
        var renderer = string.IsNullOrWhiteSpace(request.Format) ? null : renderers.Find(request.Format.Trim());
        if (!string.IsNullOrWhiteSpace(request.Format) && renderer is null)
        {
            errors.Add("format", $"No attachment renderer for this format; the formats here are {string.Join(", ", renderers.Formats)}.");
        }
        if (request.SampleData is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            errors.Add("sampleData", "A JSON object, e.g. {\"lead\": {\"name\": \"Ann\"}}.");
        }
        var timeZone = string.IsNullOrWhiteSpace(request.TimeZone) ? DefaultTimeZone : request.TimeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            errors.Add("timeZone", "Not an IANA time zone such as Europe/Berlin.");
        }
        var csv = Csv(request.Csv, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var data = request.SampleData is { ValueKind: JsonValueKind.Object } sample ? (Dictionary<string, object?>)FromJson(sample)! : [];
        var recipient = new Recipient("preview", null, timeZone, csv);
        NotificationAttachment attachment;
        try
        {
            attachment = await renderer!.RenderAsync(new AttachmentRenderRequest(request.Template!, data, recipient, "preview"), cancellationToken);
        }
        catch (AttachmentTemplateException e)
        {
            var extensions = e.Line is { } line && e.Column is { } column
                ? new Dictionary<string, object?> { ["line"] = line, ["column"] = column }
                : null;
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["template"] = [e.Message] }, title: "The request has invalid fields.", extensions: extensions);
        }

        var warnings = new List<string>();
        if (request.Csv is not null && renderer.Format != "csv")
        {
            warnings.Add($"The CSV preference applies to csv attachments only; this {renderer.Format} attachment does not use it.");
        }
        var bytes = attachment.Content.Span;
        var preamble = Encoding.UTF8.Preamble;
        if (bytes.StartsWith(preamble))
        {
            bytes = bytes[preamble.Length..];
            warnings.Add("The file starts with a UTF-8 byte order mark (the recipient's CSV preference), not shown here.");
        }
        return TypedResults.Ok(new PreviewResult(attachment.ContentType, attachment.FileName, Encoding.UTF8.GetString(bytes), warnings));
    }

    private static CsvPreference Csv(PreviewCsv? csv, FieldErrors errors)
    {
        var defaults = CsvPreference.Default;
        if (csv is null)
        {
            return defaults;
        }
        if (csv.Delimiter is not null && !Delimiters.Contains(csv.Delimiter))
        {
            errors.Add("csv.delimiter", "One of \",\", \";\" or a tab (\"\\t\").");
        }
        if (csv.Encoding is not null && csv.Encoding is not (CsvPreference.Utf8 or CsvPreference.Utf8WithBom))
        {
            errors.Add("csv.encoding", "One of \"utf-8\" or \"utf-8-bom\".");
        }
        if (csv.DateFormat is not null && !IsDateFormat(csv.DateFormat))
        {
            errors.Add("csv.dateFormat", "Not a .NET date and time format string, e.g. \"dd/MM/yyyy HH:mm\".");
        }
        return new CsvPreference(csv.Delimiter ?? defaults.Delimiter, csv.Header ?? defaults.Header, csv.DateFormat ?? defaults.DateFormat, csv.Encoding ?? defaults.Encoding);
    }

    private static bool IsDateFormat(string format)
    {
        if (string.IsNullOrWhiteSpace(format) || format.Length > 64)
        {
            return false;
        }
        try
        {
            _ = DateTimeOffset.UnixEpoch.ToString(format, CultureInfo.InvariantCulture);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Sample data in the shape <see cref="AttachmentRenderRequest.Data"/> documents: dictionaries, lists, strings, numbers, booleans, dates.</summary>
    private static object? FromJson(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => json.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => json.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String when IsoDate().IsMatch(json.GetString()!) && DateTimeOffset.TryParse(json.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) => at,
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number when json.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number when json.TryGetDecimal(out var exact) => exact,
        JsonValueKind.Number => json.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoDate();
}
