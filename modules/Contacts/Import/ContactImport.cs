using CsvHelper;
using Lookout.Contacts.Contacts;
using Lookout.Kernel.Http;
using Lookout.Kernel.Storage;
using Lookout.Workspaces.Contracts;

namespace Lookout.Contacts.Import;

/// <summary>One problem with one row of an imported file; <see cref="Row"/> counts the header as row 1, as a spreadsheet does.</summary>
internal sealed record ImportError(long Row, string Column, string Reason);

/// <summary>What a row would do: <c>create</c>, <c>update</c> or <c>skip</c> (a duplicate under the skip policy).</summary>
internal sealed record PreviewRow(long Row, string Action, ContactDraft Contact);

internal sealed record ImportPreview(IReadOnlyList<PreviewRow> Rows, IReadOnlyList<ImportError> Errors);

internal sealed record ImportOutcome(long Created, long Updated, long Skipped, IReadOnlyList<ImportError> Errors, long ErrorCount);

/// <summary>The file's header row cannot be read (e.g. it is longer than the longest record a contacts file may hold).</summary>
internal sealed class UnreadableImportException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Reads an uploaded file record by record (never the whole file) and lands its good rows in batches: one transaction,
/// one query for the emails already there and one insert statement per <see cref="BatchSize"/> rows (updates of
/// duplicates row by row). Duplicates are keyed by email within the workspace.
/// </summary>
internal sealed class ContactImport(LookoutDatabase database, ContactStore store, IWorkspaceSettings settings)
{
    public const int BatchSize = 1000;
    public const int MaxErrorsListed = 1000;
    public const int SampleRows = 5;
    public const int PreviewRows = 20;
    private const int MaxRecordBytes = 1024 * 1024;

    public const string Update = "update";
    public const string Skip = "skip";

    /// <summary>The file's columns, a few rows as they are, and its separator (detected when not given).</summary>
    public static async Task<(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Sample, char Delimiter)> InspectAsync(
        string path, char? delimiter, CancellationToken cancellationToken)
    {
        await using var reader = Open(path, delimiter, null);
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
        }
        catch (CsvFormatException e)
        {
            throw new UnreadableImportException(Unreadable(e), e);
        }
        var sample = new List<IReadOnlyList<string>>();
        while (sample.Count < SampleRows && await NextAsync(reader, null, cancellationToken))
        {
            sample.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList());
        }
        return (reader.Headers.ToList(), sample, reader.Separator);
    }

    public async Task<ImportPreview> PreviewAsync(string workspaceId, string path, char? delimiter, ImportMapping mapping, string policy, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();
        var valid = new List<(long Row, ContactDraft Draft)>();
        var region = (await settings.GetAsync(workspaceId, cancellationToken)).DefaultPhoneRegion;
        await using (var reader = Open(path, delimiter, errors))
        {
            while (valid.Count + errors.Select(e => e.Row).Distinct().Count() < PreviewRows && await NextAsync(reader, errors, cancellationToken))
            {
                if (Read(reader, mapping, region, errors) is { } row)
                {
                    valid.Add(row);
                }
            }
        }
        var emails = valid.Select(v => v.Draft.Email).OfType<string>().Distinct().ToList();
        IReadOnlyDictionary<string, string> existing;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            existing = await store.IdsByEmailAsync(connection, null, workspaceId, emails, cancellationToken);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = valid.Select(v =>
        {
            var duplicate = v.Draft.Email is { } email && (existing.ContainsKey(email) || !seen.Add(email));
            return new PreviewRow(v.Row, !duplicate ? "create" : policy == Skip ? "skip" : "update", v.Draft);
        }).ToList();
        return new ImportPreview(rows, errors.OrderBy(e => e.Row).ToList());
    }

    public async Task<ImportOutcome> RunAsync(string workspaceId, string path, char? delimiter, ImportMapping mapping, string policy, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();
        long errorCount = 0, created = 0, updated = 0, skipped = 0;
        var batch = new List<(long Row, ContactDraft Draft)>(BatchSize);
        var region = (await settings.GetAsync(workspaceId, cancellationToken)).DefaultPhoneRegion;
        await using var reader = Open(path, delimiter, errors);
        while (await NextAsync(reader, errors, cancellationToken))
        {
            if (Read(reader, mapping, region, errors) is { } row)
            {
                batch.Add(row);
            }
            if (errors.Count > MaxErrorsListed)
            {
                errorCount += errors.Count - MaxErrorsListed;
                errors.RemoveRange(MaxErrorsListed, errors.Count - MaxErrorsListed);
            }
            if (batch.Count == BatchSize)
            {
                var (c, u, s) = await LandWithRetryAsync(workspaceId, batch, policy, created + updated + skipped, cancellationToken);
                (created, updated, skipped) = (created + c, updated + u, skipped + s);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            var (c, u, s) = await LandWithRetryAsync(workspaceId, batch, policy, created + updated + skipped, cancellationToken);
            (created, updated, skipped) = (created + c, updated + u, skipped + s);
        }
        var listed = errors.OrderBy(e => e.Row).ToList();
        return new ImportOutcome(created, updated, skipped, listed, errorCount + listed.Count);
    }

    /// <summary>
    /// Lands a batch; when a contact with one of its emails was written meanwhile by another request (the unique index
    /// refused the batch), once more, now seeing that contact and updating or skipping it.
    /// </summary>
    /// <exception cref="DuplicateEmailException">It happened twice; <paramref name="landed"/> rows landed before this batch.</exception>
    private async Task<(long Created, long Updated, long Skipped)> LandWithRetryAsync(
        string workspaceId, List<(long Row, ContactDraft Draft)> batch, string policy, long landed, CancellationToken cancellationToken)
    {
        try
        {
            return await LandAsync(workspaceId, batch, policy, cancellationToken);
        }
        catch (DuplicateEmailException)
        {
            try
            {
                return await LandAsync(workspaceId, batch, policy, cancellationToken);
            }
            catch (DuplicateEmailException again)
            {
                throw new DuplicateEmailException(
                    $"The {landed} rows before row {batch[0].Row} landed; none from there on. Run the import again with a duplicate policy to finish it.", again);
            }
        }
    }

    /// <summary>Writes one batch in one transaction: emails looked up with one query, new contacts inserted, duplicates updated or skipped.</summary>
    private Task<(long Created, long Updated, long Skipped)> LandAsync(
        string workspaceId, IReadOnlyList<(long Row, ContactDraft Draft)> batch, string policy, CancellationToken cancellationToken) =>
        store.WriteAsync(async (connection, transaction) =>
        {
            var emails = batch.Select(b => b.Draft.Email).OfType<string>().Distinct().ToList();
            var existing = await store.IdsByEmailAsync(connection, transaction, workspaceId, emails, cancellationToken);
            var inserts = new List<Contact>();
            var insertedByEmail = new Dictionary<string, int>(StringComparer.Ordinal);
            var updates = new Dictionary<string, ContactDraft>(StringComparer.Ordinal);
            long created = 0, updated = 0, skipped = 0;
            foreach (var (_, draft) in batch)
            {
                if (draft.Email is { } email && existing.TryGetValue(email, out var id))
                {
                    if (policy == Skip)
                    {
                        skipped++;
                        continue;
                    }
                    updates[id] = draft;
                    updated++;
                }
                else if (draft.Email is { } again && insertedByEmail.TryGetValue(again, out var index))
                {
                    // A later row of the file for a contact an earlier row creates.
                    if (policy == Skip)
                    {
                        skipped++;
                        continue;
                    }
                    inserts[index] = store.New(workspaceId, draft) with { Id = inserts[index].Id };
                    updated++;
                }
                else
                {
                    if (draft.Email is { } fresh)
                    {
                        insertedByEmail[fresh] = inserts.Count;
                    }
                    inserts.Add(store.New(workspaceId, draft));
                    created++;
                }
            }
            await store.InsertAsync(connection, transaction, inserts, cancellationToken);
            if (updates.Count > 0)
            {
                await store.UpdateAsync(connection, transaction, workspaceId, updates.Select(u => (u.Key, u.Value)).ToList(), cancellationToken);
            }
            return (created, updated, skipped);
        }, cancellationToken);

    /// <summary>
    /// The current record as a contact, or null with its errors (each naming the column it comes from); a mobile
    /// number without its country code is read in <paramref name="phoneRegion"/>, the workspace's default region.
    /// </summary>
    private static (long Row, ContactDraft Draft)? Read(CsvReader reader, ImportMapping mapping, string? phoneRegion, List<ImportError> errors)
    {
        var row = reader.RowNumber + 1;
        string? Field(string field)
        {
            var index = mapping.IndexOf(field);
            return index < 0 || index >= reader.FieldCount ? null : reader.GetString(index).Trim() is { Length: > 0 } value ? value : null;
        }
        var request = new ContactRequest(
            Field(ImportMapping.Name), Field(ImportMapping.Email), Field(ImportMapping.Mobile), Field(ImportMapping.TimeZone), null,
            Field(ImportMapping.PreferredChannel), List(Field(ImportMapping.FallbackChannels)), Field(ImportMapping.Notes), List(Field(ImportMapping.Tags)));
        var draft = ContactRules.Validate(request, phoneRegion, out var fieldErrors);
        if (draft is not null)
        {
            return (row, draft);
        }
        foreach (var (field, messages) in ErrorsOf(fieldErrors))
        {
            var baseField = field.Split('[')[0];
            errors.AddRange(messages.Select(message => new ImportError(row, mapping.ColumnOf(baseField), message)));
        }
        return null;
    }

    /// <summary>
    /// The next record; a record the reader cannot get past (one longer than <see cref="MaxRecordBytes"/>) ends the
    /// file there, reported in <paramref name="errors"/>: the rows before it still count.
    /// </summary>
    private static async Task<bool> NextAsync(CsvReader reader, List<ImportError>? errors, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken);
        }
        catch (CsvFormatException e)
        {
            errors?.Add(new ImportError(e.RecordNumber, "", Unreadable(e) + " The rest of the file was not read."));
            return false;
        }
    }

    // The reader skips malformed records (see Open): what it throws for is a record past MaxRecordSize.
    private static string Unreadable(CsvFormatException e) =>
        $"Row {e.RecordNumber} is longer than {MaxRecordBytes / 1024 / 1024} MiB, the most one row may hold (an unclosed quote?).";

    private static IDictionary<string, string[]> ErrorsOf(FieldErrors errors) => errors.ToProblem().ProblemDetails.Errors;

    /// <summary>Tags and fallback channels in one cell, separated by commas, semicolons or bars.</summary>
    private static List<string?>? List(string? cell) =>
        cell?.Split([',', ';', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => (string?)s).ToList();

    private static CsvReader Open(string path, char? delimiter, List<ImportError>? errors) =>
        CsvReader.Create(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, useAsync: true),
            new CsvReaderOptions
            {
                Separator = delimiter,
                HasHeader = true,
                MaxRecordSize = MaxRecordBytes,
                MalformedData = CsvMalformedDataHandling.Skip,
                OnMalformedRecord = errors is null ? null : malformed => errors.Add(new ImportError(malformed.RecordNumber, "", $"Badly quoted: {malformed.Reason}")),
            },
            leaveOpen: false);
}
