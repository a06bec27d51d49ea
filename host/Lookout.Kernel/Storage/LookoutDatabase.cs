using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lookout.Kernel.Storage;

/// <summary>
/// The one database of a Lookout host: SQLite (a file, WAL) or PostgreSQL. Reads open a pooled connection;
/// writes go through <see cref="WriteAsync{T}"/>, one transaction each. SQLite allows one writer at a time,
/// so writes are queued here rather than spinning on the file lock.
/// </summary>
public sealed class LookoutDatabase : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();
    private DbConnection? _sqliteWriterConnection; // used only while holding _sqliteWriter

    public LookoutDatabase(SqlDialect dialect, string? connectionString)
    {
        Dialect = dialect;
        if (dialect == SqlDialect.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("ConnectionStrings:Lookout is required when Storage:Provider is PostgreSql.");
            }
            _connectionString = connectionString;
            _postgres = NpgsqlDataSource.Create(connectionString);
            return;
        }

        var builder = new SqliteConnectionStringBuilder(connectionString ?? "Data Source=data/lookout.db")
        {
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (builder.Mode != SqliteOpenMode.Memory && directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        _connectionString = builder.ToString();
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL;";
        wal.ExecuteNonQuery();
    }

    /// <summary>
    /// Per native connection: durable at checkpoints (WAL), foreign keys, waiting for the write lock; reads of the file
    /// through a memory map (up to 1 GiB) instead of a read call per page; and a checkpoint every 20,000 pages of WAL
    /// (80 MiB) rather than SQLite's 1,000, so that a page changed by many commits is copied back to the file once.
    /// </summary>
    private const string ConnectionPragmas =
        "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA mmap_size=1073741824; "
        + "PRAGMA wal_autocheckpoint=20000;";

    /// <summary>
    /// The one connection SQLite writes go through keeps its pages cached (up to 64 MiB): the page-view log writes at
    /// random places of its index, and a pooled connection's 2 MiB cache would read most of them again.
    /// </summary>
    private const string WriterPragmas = "PRAGMA cache_size=-65536;";

    public SqlDialect Dialect { get; }

    /// <summary>Picks the statement written for this database's dialect.</summary>
    public string Sql(string sqlite, string postgres) => Dialect == SqlDialect.Sqlite ? sqlite : postgres;

    /// <summary>Opens a connection for reading (or for a caller that manages its own transaction).</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The settings belong to the native connection, which the pool keeps open: set once, not on every open.
        if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = ConnectionPragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _configured.TryAdd(handle, handle);
        }
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction and commits it.</summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var gated = _postgres is null;
        if (gated)
        {
            await _sqliteWriter.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        try
        {
            if (!gated)
            {
                await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                return await InTransactionAsync(connection, work, cancellationToken).ConfigureAwait(false);
            }
            return await InTransactionAsync(await SqliteWriterAsync(cancellationToken).ConfigureAwait(false), work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (gated)
            {
                _sqliteWriter.Release();
            }
        }
    }

    private static async Task<T> InTransactionAsync<T>(DbConnection connection, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The writer's own connection, kept open (and reopened if it was closed under it).</summary>
    private async Task<DbConnection> SqliteWriterAsync(CancellationToken cancellationToken)
    {
        if (_sqliteWriterConnection is { State: System.Data.ConnectionState.Open } open)
        {
            return open;
        }
        if (_sqliteWriterConnection is not null)
        {
            await _sqliteWriterConnection.DisposeAsync().ConfigureAwait(false);
        }
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = WriterPragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return _sqliteWriterConnection = connection;
    }

    /// <inheritdoc cref="WriteAsync{T}"/>
    public Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WriteAsync(async (c, t) =>
        {
            await work(c, t).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on one host at a time: hosts that share a PostgreSQL database and start together
    /// take turns under an advisory lock named by <paramref name="lockId"/> (a fixed number per kind of work); a SQLite
    /// database has one host, so it just runs.
    /// </summary>
    public async Task OneHostAtATimeAsync(long lockId, Func<Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Dialect != SqlDialect.PostgreSql)
        {
            await work().ConfigureAwait(false);
            return;
        }
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var take = connection.CreateCommand())
        {
            take.CommandText = $"SELECT pg_advisory_lock({lockId})";
            await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        try
        {
            await work().ConfigureAwait(false);
        }
        finally
        {
            await using var release = connection.CreateCommand();
            release.CommandText = $"SELECT pg_advisory_unlock({lockId})";
            await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            await _sqliteWriter.WaitAsync().ConfigureAwait(false);
            if (_sqliteWriterConnection is not null)
            {
                await _sqliteWriterConnection.DisposeAsync().ConfigureAwait(false);
                _sqliteWriterConnection = null;
            }
            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        }
        _sqliteWriter.Dispose();
    }
}
