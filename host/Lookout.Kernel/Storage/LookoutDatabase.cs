using System.Data.Common;
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
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            if (gated)
            {
                _sqliteWriter.Release();
            }
        }
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

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        }
        _sqliteWriter.Dispose();
    }
}
