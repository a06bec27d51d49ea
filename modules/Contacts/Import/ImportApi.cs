using Lookout.Contacts.Contacts;
using Lookout.Kernel.Http;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Lookout.Contacts.Import;

/// <summary>
/// CSV import in three steps: upload the file (raw <c>text/csv</c> body), preview a column mapping, run it. Rows are
/// numbered as a spreadsheet shows them: the header is row 1.
/// </summary>
internal static class ImportApi
{
    public sealed record Uploaded(string ImportId, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> SampleRows, IReadOnlyDictionary<string, string> SuggestedMapping, string Delimiter);

    public sealed record MappingRequest(IReadOnlyDictionary<string, string?>? Mapping, string? Delimiter, string? DuplicatePolicy);

    public sealed record PreviewedRow(long Row, string Action, string Name, string? Email, string? Mobile, string TimeZone, string PreferredChannel, IReadOnlyList<string> FallbackChannels, string Notes, IReadOnlyList<string> Tags);

    public sealed record Previewed(IReadOnlyList<PreviewedRow> Rows, IReadOnlyList<ImportError> Errors);

    public sealed record Ran(long Created, long Updated, long Skipped, IReadOnlyList<ImportError> Errors, long ErrorCount);

    public static void MapImportApi(this RouteGroupBuilder group)
    {
        var import = group.MapGroup("/import").RequireWorkspaceRole(WorkspaceRole.Admin);
        import.MapUpload("/", "text/csv", Upload).WithName("UploadContactImport").WithSummary("Upload a CSV file of contacts to import");
        import.MapPost("/{id}/preview", Preview).WithName("PreviewContactImport").WithSummary("Preview a contact import with a column mapping");
        import.MapPost("/{id}/run", Run).WithName("RunContactImport").WithSummary("Run a contact import");
    }

    private static async Task<Results<Ok<Uploaded>, ValidationProblem, ProblemHttpResult>> Upload(
        WorkspaceScope scope, ImportUploads uploads, IOptions<ContactsOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        // This route alone takes large bodies: the file goes to disk as it arrives.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxImportBytes;
        }
        var upload = await uploads.SaveAsync(scope.WorkspaceId, http.Request.Body, cancellationToken);
        if (upload is null)
        {
            return TypedResults.Problem(title: "The request body is too large.", detail: $"At most {options.Value.MaxImportBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        IReadOnlyList<string> columns;
        IReadOnlyList<IReadOnlyList<string>> sample;
        char delimiter;
        try
        {
            (columns, sample, delimiter) = await ContactImport.InspectAsync(upload.Path, null, cancellationToken);
        }
        catch (UnreadableImportException e)
        {
            return FieldErrors.For("file", e.Message);
        }
        if (columns.Count == 0 || columns.All(string.IsNullOrWhiteSpace))
        {
            return FieldErrors.For("file", "The file is empty: its first row must name the columns.");
        }
        return TypedResults.Ok(new Uploaded(upload.Id, columns, sample, ImportMapping.Suggest(columns), delimiter.ToString()));
    }

    private static async Task<Results<Ok<Previewed>, NotFound, ValidationProblem>> Preview(
        string id, MappingRequest request, WorkspaceScope scope, ImportUploads uploads, ContactImport import, CancellationToken cancellationToken)
    {
        if (await uploads.FindAsync(scope.WorkspaceId, id, cancellationToken) is not { } upload)
        {
            return TypedResults.NotFound();
        }
        var (mapping, delimiter, policy, problem) = await ValidateAsync(upload, request, policyRequired: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var preview = await import.PreviewAsync(scope.WorkspaceId, upload.Path, delimiter, mapping!, policy, cancellationToken);
        return TypedResults.Ok(new Previewed(
            preview.Rows.Select(r => new PreviewedRow(r.Row, r.Action, r.Contact.Name, r.Contact.Email, r.Contact.Mobile, r.Contact.TimeZone,
                r.Contact.PreferredChannel, r.Contact.FallbackChannels, r.Contact.Notes, r.Contact.Tags)).ToList(),
            preview.Errors));
    }

    private static async Task<Results<Ok<Ran>, NotFound, ValidationProblem, ProblemHttpResult>> Run(
        string id, MappingRequest request, WorkspaceScope scope, ImportUploads uploads, ContactImport import, CancellationToken cancellationToken)
    {
        if (await uploads.FindAsync(scope.WorkspaceId, id, cancellationToken) is not { } upload)
        {
            return TypedResults.NotFound();
        }
        var (mapping, delimiter, policy, problem) = await ValidateAsync(upload, request, policyRequired: true, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        try
        {
            var outcome = await import.RunAsync(scope.WorkspaceId, upload.Path, delimiter, mapping!, policy, cancellationToken);
            return TypedResults.Ok(new Ran(outcome.Created, outcome.Updated, outcome.Skipped, outcome.Errors, outcome.ErrorCount));
        }
        catch (DuplicateEmailException conflict)
        {
            return EmailConflict.Problem(conflict.Message);
        }
    }

    private static async Task<(ImportMapping? Mapping, char? Delimiter, string Policy, ValidationProblem? Problem)> ValidateAsync(
        ImportUpload upload, MappingRequest request, bool policyRequired, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        char? delimiter = null;
        if (request.Delimiter is not null)
        {
            if (PreferenceRules.Delimiters.Contains(request.Delimiter))
            {
                delimiter = request.Delimiter[0];
            }
            else
            {
                errors.Add("delimiter", "One of \",\", \";\" or a tab (\"\\t\").");
            }
        }
        var policy = request.DuplicatePolicy ?? (policyRequired ? null : ContactImport.Update);
        if (policy is not (ContactImport.Update or ContactImport.Skip))
        {
            errors.Add("duplicatePolicy", "One of \"update\" or \"skip\".");
        }
        IReadOnlyList<string> columns;
        try
        {
            (columns, _, _) = await ContactImport.InspectAsync(upload.Path, delimiter, cancellationToken);
        }
        catch (UnreadableImportException e)
        {
            return (null, null, "", FieldErrors.For("file", e.Message));
        }
        var mapping = ImportMapping.Validate(errors, request.Mapping, columns);
        return errors.Any ? (null, null, "", errors.ToProblem()) : (mapping, delimiter, policy!, null);
    }
}
