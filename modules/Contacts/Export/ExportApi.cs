using System.Globalization;
using CsvHelper;
using Lookout.Contacts.Contacts;
using Lookout.Contacts.Contracts;
using Lookout.Kernel.Http;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Contacts.Export;

/// <summary>
/// The workspace's contacts as CSV, streamed row by row, in a chosen CSV preference, else the requesting user's own. Cells that a spreadsheet would
/// run as a formula (starting with <c>= + - @</c>, a tab or CR) get a <c>'</c> in front.
/// </summary>
internal static class ExportApi
{
    public static readonly IReadOnlyList<string> Columns =
        ["name", "email", "mobile", "timeZone", "preferredChannel", "fallbackChannels", "notes", "tags", "createdAt", "updatedAt"];

    public static void MapExportApi(this RouteGroupBuilder group) =>
        group.MapGet("/export", Export).WithName("ExportContacts").WithSummary("Export contacts as CSV").RequireWorkspaceRole(WorkspaceRole.Admin).Produces(StatusCodes.Status200OK, contentType: "text/csv");

    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> Export(
        string? delimiter, string? header, string? dateFormat, string? encoding, WorkspaceScope scope, IUserDirectory users, ContactStore store, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        bool? withHeader = null;
        if (header is not null)
        {
            if (bool.TryParse(header, out var parsed))
            {
                withHeader = parsed;
            }
            else
            {
                errors.Add("header", "true or false.");
            }
        }
        // What the query does not choose comes from the requesting user's own CSV preference, else the default.
        var mine = (await users.PreferencesAsync(scope.UserId, cancellationToken)).Csv ?? Lookout.Plugins.CsvPreference.Default;
        // A tab is hard to type in a query string: "tab" stands for it.
        var csv = PreferenceRules.ValidateCsv(
            errors, "", (delimiter == "tab" ? "\t" : delimiter) ?? mine.Delimiter, withHeader ?? mine.Header, dateFormat ?? mine.DateFormat, encoding ?? mine.Encoding);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return TypedResults.Stream(body => WriteAsync(body, CsvPreference.From(csv!), scope.WorkspaceId, store, cancellationToken), "text/csv; charset=utf-8", "contacts.csv");
    }

    private static async Task WriteAsync(Stream body, CsvPreference preference, string workspaceId, ContactStore store, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(body, new CsvWriterOptions
        {
            Separator = preference.Delimiter[0],
            WriteByteOrderMark = preference.Encoding == CsvPreference.Utf8WithBom,
            Injection = CsvInjection.Escape,
            FormatProvider = CultureInfo.InvariantCulture,
        }, leaveOpen: true);
        if (preference.Header)
        {
            await csv.WriteRecordAsync(Columns.ToArray(), cancellationToken);
        }
        await foreach (var c in store.StreamAsync(workspaceId, cancellationToken))
        {
            await csv.WriteRecordAsync(
            [
                c.Name, c.Email, c.Mobile, c.TimeZone, c.PreferredChannel, string.Join(';', c.FallbackChannels), c.Notes, string.Join(';', c.Tags),
                c.CreatedAt.ToString(preference.DateFormat, CultureInfo.InvariantCulture), c.UpdatedAt.ToString(preference.DateFormat, CultureInfo.InvariantCulture),
            ], cancellationToken);
        }
    }
}
