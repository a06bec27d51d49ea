using Lookout.Kernel.Storage;
using Npgsql;

namespace Lookout.Testing;

/// <summary>
/// Throwaway databases for tests: a SQLite file in a temp folder, or a fresh database on the PostgreSQL server that
/// <c>./test.sh</c> starts (its connection string is in <c>LOOKOUT_TEST_POSTGRES</c>).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "LOOKOUT_TEST_POSTGRES";
    private readonly string? _postgresName;
    private readonly string? _sqliteFolder;

    private TestDatabase(SqlDialect dialect, string connectionString, string? postgresName, string? sqliteFolder)
    {
        Dialect = dialect;
        ConnectionString = connectionString;
        _postgresName = postgresName;
        _sqliteFolder = sqliteFolder;
    }

    public SqlDialect Dialect { get; }

    public string ConnectionString { get; }

    /// <summary>Configuration keys that point a host at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = Dialect.ToString(),
        ["ConnectionStrings:Lookout"] = ConnectionString,
    };

    public static async Task<TestDatabase> CreateAsync(SqlDialect dialect)
    {
        if (dialect == SqlDialect.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "lookout-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new TestDatabase(dialect, $"Data Source={Path.Combine(folder, "lookout.db")}", null, folder);
        }
        var server = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException($"{PostgresVariable} is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL.");
        var name = "lookout_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(dialect, builder.ConnectionString, name, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a host that is shutting down; the temp folder is cleaned by the OS.
            }
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
