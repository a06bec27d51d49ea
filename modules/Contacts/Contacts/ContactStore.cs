using System.Data.Common;
using System.Text.Json;
using Dapper;
using Lookout.Contacts.Contracts;
using Lookout.Kernel.Paging;
using Lookout.Kernel.Storage;

namespace Lookout.Contacts.Contacts;

/// <summary>Contacts, always read and written inside one workspace.</summary>
internal sealed class ContactStore(LookoutDatabase database, TimeProvider clock)
{
    private const string Columns = """
        id AS Id, workspace_id AS WorkspaceId, name AS Name, email AS Email, mobile AS Mobile, time_zone AS TimeZone,
        csv_delimiter AS CsvDelimiter, csv_header AS CsvHeader, csv_date_format AS CsvDateFormat, csv_encoding AS CsvEncoding,
        preferred_channel AS PreferredChannel, fallback_channels AS FallbackChannels, notes AS Notes, tags AS Tags,
        created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    private const int InsertColumnCount = 16;

    private const string InsertInto =
        "INSERT INTO ct_contacts (id, workspace_id, name, email, mobile, time_zone, csv_delimiter, csv_header, csv_date_format, csv_encoding, " +
        "preferred_channel, fallback_channels, notes, tags, created_at, updated_at)";

    private static readonly string InsertRow = $"{InsertInto} VALUES ({RowStatements.Placeholders(InsertColumnCount)})";

    private const string UpdateSql = """
        UPDATE ct_contacts SET name = @p0, email = @p1, mobile = @p2, time_zone = @p3,
            csv_delimiter = @p4, csv_header = @p5, csv_date_format = @p6, csv_encoding = @p7,
            preferred_channel = @p8, fallback_channels = @p9, notes = @p10, tags = @p11, updated_at = @p12
        WHERE workspace_id = @p13 AND id = @p14
        """;

    /// <summary>One page of the workspace's contacts by name; <paramref name="search"/> matches name, email or mobile.</summary>
    public async Task<(IReadOnlyList<Contact> Items, long Total)> PageAsync(string workspaceId, string? search, PageRequest page, CancellationToken cancellationToken)
    {
        var filter = string.IsNullOrWhiteSpace(search) ? "" : "AND (LOWER(name) LIKE @pattern ESCAPE '\\' OR email LIKE @pattern ESCAPE '\\' OR mobile LIKE @pattern ESCAPE '\\')";
        var parameters = new { workspaceId, pattern = LikePattern(search), limit = page.Size, offset = page.Skip };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM ct_contacts WHERE workspace_id = @workspaceId {filter}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<ContactRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ct_contacts WHERE workspace_id = @workspaceId {filter} ORDER BY LOWER(name), id LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken));
        return (rows.Select(r => r.ToContact()).ToList(), total);
    }

    public async Task<Contact?> FindAsync(string workspaceId, string id, CancellationToken cancellationToken) =>
        await FindManyAsync(workspaceId, [id], cancellationToken) is [var contact] ? contact : null;

    /// <summary>Those of <paramref name="ids"/> that are contacts of the workspace.</summary>
    public async Task<IReadOnlyList<Contact>> FindManyAsync(string workspaceId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ContactRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ct_contacts WHERE workspace_id = @workspaceId AND {database.AnyOf("id", "ids")}",
            new { workspaceId, ids = ids.Distinct().ToArray() }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToContact()).ToList();
    }

    /// <summary>The contact of the workspace with this (normalised) email, if any.</summary>
    public async Task<Contact?> FindByEmailAsync(string workspaceId, string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ContactRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ct_contacts WHERE workspace_id = @workspaceId AND email = @email",
            new { workspaceId, email }, cancellationToken: cancellationToken));
        return row?.ToContact();
    }

    /// <summary>Every contact of the workspace, by name, read as the caller goes: for exports of any size.</summary>
    public async IAsyncEnumerable<Contact> StreamAsync(string workspaceId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM ct_contacts WHERE workspace_id = @workspaceId ORDER BY LOWER(name), id",
            new { workspaceId }, cancellationToken: cancellationToken, flags: CommandFlags.None));
        var parse = reader.GetRowParser<ContactRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return parse(reader).ToContact();
        }
    }

    /// <exception cref="DuplicateEmailException">Another contact of the workspace has the email.</exception>
    public async Task<Contact> CreateAsync(string workspaceId, ContactDraft draft, CancellationToken cancellationToken)
    {
        var contact = New(workspaceId, draft);
        await WriteAsync(async (connection, transaction) =>
        {
            await InsertAsync(connection, transaction, [contact], cancellationToken);
            return true;
        }, cancellationToken);
        return contact;
    }

    /// <summary>Replaces what the admin sets; false when the contact is not in this workspace.</summary>
    /// <exception cref="DuplicateEmailException">Another contact of the workspace has the email.</exception>
    public async Task<bool> UpdateAsync(string workspaceId, string id, ContactDraft draft, CancellationToken cancellationToken) =>
        await WriteAsync((connection, transaction) => UpdateAsync(connection, transaction, workspaceId, [(id, draft)], cancellationToken), cancellationToken) == 1;

    /// <summary>
    /// One transaction of contact writes (<see cref="LookoutDatabase.WriteAsync{T}"/>) in which the email index refusing
    /// a row becomes a <see cref="DuplicateEmailException"/>: checks made before the write cannot see a contact another
    /// request is writing at the same moment.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await database.WriteAsync(work, cancellationToken);
        }
        catch (DbException exception) when (DuplicateEmailException.IsViolation(exception))
        {
            throw new DuplicateEmailException(ContactRules.EmailTaken, exception);
        }
    }

    public async Task<bool> DeleteAsync(string workspaceId, string id, CancellationToken cancellationToken) =>
        await database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM ct_list_members WHERE workspace_id = @workspaceId AND kind = 'contact' AND member_id = @id",
                new { workspaceId, id }, transaction, cancellationToken: cancellationToken));
            return await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM ct_contacts WHERE workspace_id = @workspaceId AND id = @id",
                new { workspaceId, id }, transaction, cancellationToken: cancellationToken));
        }, cancellationToken) == 1;

    /// <summary>Whether another contact of the workspace than <paramref name="exceptId"/> has this email.</summary>
    public async Task<bool> EmailTakenAsync(string workspaceId, string email, string? exceptId, CancellationToken cancellationToken) =>
        await FindByEmailAsync(workspaceId, email, cancellationToken) is { } other && other.Id != exceptId;

    public Contact New(string workspaceId, ContactDraft draft)
    {
        var now = clock.GetUtcNow();
        var at = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        return new Contact(Ids.New(), workspaceId, draft.Name, draft.Email, draft.Mobile, draft.TimeZone, draft.Csv,
            draft.PreferredChannel, draft.FallbackChannels, draft.Notes, draft.Tags, at, at);
    }

    /// <summary>
    /// Inserts contacts inside the caller's transaction: on PostgreSQL with one statement whatever their number, a
    /// column array per parameter (UNNEST); on SQLite, in process, one prepared statement re-run per row with its
    /// values bound by position (<see cref="RowStatements"/>).
    /// </summary>
    public Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Contact> contacts, CancellationToken cancellationToken)
    {
        if (contacts.Count == 0)
        {
            return Task.CompletedTask;
        }
        return database.Dialect == SqlDialect.PostgreSql
            ? InsertColumnsAsync(connection, transaction, contacts, cancellationToken)
            : InsertRowsAsync(connection, transaction, contacts, cancellationToken);
    }

    private static Task<int> InsertRowsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Contact> contacts, CancellationToken cancellationToken) =>
        RowStatements.ExecuteEachAsync(connection, transaction, InsertRow, InsertColumnCount, contacts.Select(c => new object?[]
        {
            c.Id, c.WorkspaceId, c.Name, c.Email, c.Mobile, c.TimeZone, c.Csv.Delimiter, c.Csv.Header, c.Csv.DateFormat, c.Csv.Encoding,
            c.PreferredChannel, JsonSerializer.Serialize(c.FallbackChannels), c.Notes, JsonSerializer.Serialize(c.Tags),
            c.CreatedAt.ToUnixTimeMilliseconds(), c.UpdatedAt.ToUnixTimeMilliseconds(),
        }), cancellationToken);

    private static async Task InsertColumnsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Contact> contacts, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"{InsertInto} SELECT * FROM UNNEST({RowStatements.Placeholders(InsertColumnCount)})";
        object[] columns =
        [
            Column(c => c.Id), Column(c => c.WorkspaceId), Column(c => c.Name), Column(c => c.Email), Column(c => c.Mobile), Column(c => c.TimeZone),
            Column(c => c.Csv.Delimiter), Column(c => c.Csv.Header), Column(c => c.Csv.DateFormat), Column(c => c.Csv.Encoding),
            Column(c => c.PreferredChannel), Column(c => JsonSerializer.Serialize(c.FallbackChannels)), Column(c => c.Notes), Column(c => JsonSerializer.Serialize(c.Tags)),
            Column(c => c.CreatedAt.ToUnixTimeMilliseconds()), Column(c => c.UpdatedAt.ToUnixTimeMilliseconds()),
        ];
        for (var i = 0; i < columns.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = RowStatements.Name(i);
            parameter.Value = columns[i];
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);

        T[] Column<T>(Func<Contact, T> value)
        {
            var column = new T[contacts.Count];
            for (var i = 0; i < column.Length; i++)
            {
                column[i] = value(contacts[i]);
            }
            return column;
        }
    }

    /// <summary>Replaces what the admin sets on each contact, inside the caller's transaction; returns how many rows changed.</summary>
    public Task<int> UpdateAsync(DbConnection connection, DbTransaction transaction, string workspaceId, IReadOnlyList<(string Id, ContactDraft Draft)> updates, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return RowStatements.ExecuteEachAsync(connection, transaction, UpdateSql, 15, updates.Select(u => new object?[]
        {
            u.Draft.Name, u.Draft.Email, u.Draft.Mobile, u.Draft.TimeZone, u.Draft.Csv.Delimiter, u.Draft.Csv.Header, u.Draft.Csv.DateFormat, u.Draft.Csv.Encoding,
            u.Draft.PreferredChannel, JsonSerializer.Serialize(u.Draft.FallbackChannels), u.Draft.Notes, JsonSerializer.Serialize(u.Draft.Tags), at,
            workspaceId, u.Id,
        }), cancellationToken);
    }

    /// <summary>Ids and emails of the workspace's contacts with one of <paramref name="emails"/>.</summary>
    public async Task<IReadOnlyDictionary<string, string>> IdsByEmailAsync(
        DbConnection connection, DbTransaction? transaction, string workspaceId, IReadOnlyCollection<string> emails, CancellationToken cancellationToken)
    {
        if (emails.Count == 0)
        {
            return new Dictionary<string, string>();
        }
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT email, id FROM ct_contacts WHERE workspace_id = @workspaceId AND {database.InListValue("email", "emails")}";
        AddParameter(command, "workspaceId", workspaceId);
        AddParameter(command, "emails", database.ListValue(emails));
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = reader.GetString(1);
        }
        return found;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary><c>%text%</c> in lower case, with LIKE's wildcards escaped.</summary>
    internal static string? LikePattern(string? search) =>
        string.IsNullOrWhiteSpace(search)
            ? null
            : "%" + search.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    // Properties rather than a constructor: SQLite reads csv_header as an integer, PostgreSQL as a boolean.
    private sealed class ContactRow
    {
        public string Id { get; set; } = "";
        public string WorkspaceId { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Email { get; set; }
        public string? Mobile { get; set; }
        public string TimeZone { get; set; } = "";
        public string CsvDelimiter { get; set; } = ",";
        public bool CsvHeader { get; set; }
        public string CsvDateFormat { get; set; } = "";
        public string CsvEncoding { get; set; } = "";
        public string PreferredChannel { get; set; } = "";
        public string FallbackChannels { get; set; } = "[]";
        public string Notes { get; set; } = "";
        public string Tags { get; set; } = "[]";
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }

        public Contact ToContact() => new(
            Id, WorkspaceId, Name, Email, Mobile, TimeZone, new CsvPreference(CsvDelimiter, CsvHeader, CsvDateFormat, CsvEncoding),
            PreferredChannel, JsonSerializer.Deserialize<List<string>>(FallbackChannels) ?? [], Notes,
            JsonSerializer.Deserialize<List<string>>(Tags) ?? [],
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt));
    }
}
