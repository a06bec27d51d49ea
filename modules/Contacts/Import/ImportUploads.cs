using Dapper;
using Lookout.Kernel.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lookout.Contacts.Import;

/// <summary>An uploaded CSV file of a workspace, waiting for its column mapping.</summary>
internal sealed record ImportUpload(string Id, string WorkspaceId, string Path, DateTimeOffset CreatedAt);

/// <summary>
/// Uploaded CSV files: streamed to a file of the host's disk (never held in memory), recorded per workspace so that
/// another workspace cannot name them, and deleted once older than <see cref="ContactsOptions.ImportLifetime"/>.
/// </summary>
internal sealed partial class ImportUploads(LookoutDatabase database, TimeProvider clock, IOptions<ContactsOptions> options, ILogger<ImportUploads> logger)
{
    private string Folder => options.Value.ImportFolder ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lookout-imports");

    /// <summary>Stores <paramref name="body"/>; null when it is longer than <see cref="ContactsOptions.MaxImportBytes"/>.</summary>
    public async Task<ImportUpload?> SaveAsync(string workspaceId, Stream body, CancellationToken cancellationToken)
    {
        await ForgetExpiredAsync(cancellationToken);
        Directory.CreateDirectory(Folder);
        var upload = new ImportUpload(Ids.New(), workspaceId, "", clock.GetUtcNow());
        upload = upload with { Path = System.IO.Path.Combine(Folder, upload.Id + ".csv") };
        var limit = options.Value.MaxImportBytes;
        var written = 0L;
        await using (var file = new FileStream(upload.Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                written += read;
                if (written > limit)
                {
                    break;
                }
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        if (written > limit)
        {
            File.Delete(upload.Path);
            return null;
        }
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ct_imports (id, workspace_id, file_name, created_at) VALUES (@Id, @WorkspaceId, @fileName, @at)",
            new { upload.Id, upload.WorkspaceId, fileName = System.IO.Path.GetFileName(upload.Path), at = upload.CreatedAt.ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken)), cancellationToken);
        return upload;
    }

    /// <summary>The workspace's upload, when its file is still on this host.</summary>
    public async Task<ImportUpload?> FindAsync(string workspaceId, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UploadRow>(new CommandDefinition(
            "SELECT id AS Id, workspace_id AS WorkspaceId, file_name AS FileName, created_at AS CreatedAt FROM ct_imports WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }
        var path = System.IO.Path.Combine(Folder, row.FileName);
        return File.Exists(path) ? new ImportUpload(row.Id, row.WorkspaceId, path, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt)) : null;
    }

    private async Task ForgetExpiredAsync(CancellationToken cancellationToken)
    {
        var before = (clock.GetUtcNow() - options.Value.ImportLifetime).ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var expired = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT file_name FROM ct_imports WHERE created_at < @before", new { before }, cancellationToken: cancellationToken))).ToList();
        if (expired.Count == 0)
        {
            return;
        }
        foreach (var fileName in expired)
        {
            try
            {
                File.Delete(System.IO.Path.Combine(Folder, fileName));
            }
            catch (IOException exception)
            {
                LogNotDeleted(fileName, exception);
            }
        }
        await database.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ct_imports WHERE created_at < @before", new { before }, t, cancellationToken: cancellationToken)), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the expired import file {FileName}")]
    private partial void LogNotDeleted(string fileName, Exception exception);

    private sealed class UploadRow
    {
        public string Id { get; set; } = "";
        public string WorkspaceId { get; set; } = "";
        public string FileName { get; set; } = "";
        public long CreatedAt { get; set; }
    }
}
