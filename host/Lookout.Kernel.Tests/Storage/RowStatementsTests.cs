using System.Data.Common;
using Dapper;
using Lookout.Kernel.Storage;
using Lookout.Testing;

namespace Lookout.Kernel.Tests.Storage;

/// <summary>
/// Many rows through one single-row statement: on PostgreSQL a batch, on SQLite one prepared statement whose values
/// are bound by position. Both store every value as given and fail the whole transaction on a bad row.
/// </summary>
public abstract class RowStatementsTests(SqlDialect dialect) : IAsyncLifetime
{
    private TestDatabase _file = null!;
    private LookoutDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _file = await TestDatabase.CreateAsync(dialect);
        _database = new LookoutDatabase(dialect, _file.ConnectionString);
        var real = dialect == SqlDialect.Sqlite ? "REAL" : "DOUBLE PRECISION";
        var bytes = dialect == SqlDialect.Sqlite ? "BLOB" : "BYTEA";
        await _database.WriteAsync((c, t) => c.ExecuteAsync(
            $"CREATE TABLE rows_test (id TEXT PRIMARY KEY, label TEXT, count BIGINT, ratio {real}, data {bytes})", transaction: t));
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _file.DisposeAsync();
    }

    private const string Insert = "INSERT INTO rows_test (id, label, count, ratio, data) VALUES (@p0, @p1, @p2, @p3, @p4) ON CONFLICT (id) DO NOTHING";

    private Task<int> InsertAsync(params object?[][] rows) =>
        _database.WriteAsync((c, t) => RowStatements.ExecuteEachAsync(c, t, Insert, 5, rows, CancellationToken.None));

    private async Task<List<(string Id, string? Label, long Count, double Ratio, byte[]? Data)>> StoredAsync()
    {
        await using var connection = await _database.OpenAsync();
        return (await connection.QueryAsync<(string, string?, long, double, byte[]?)>("SELECT id, label, count, ratio, data FROM rows_test ORDER BY id")).ToList();
    }

    [Fact]
    public async Task Every_row_is_stored_with_its_values_and_the_changed_rows_are_counted()
    {
        var changed = await InsertAsync(
            ["a", "Zürich – 東京 <script>", 1, 0.5, new byte[] { 0, 255 }],
            ["b", null, long.MaxValue, -2.25, null],
            ["a", "a second copy", 7, 7.0, null]); // skipped by ON CONFLICT: not counted

        Assert.Equal(2, changed);
        var stored = await StoredAsync();
        Assert.Equal(("a", "Zürich – 東京 <script>", 1L, 0.5), (stored[0].Id, stored[0].Label, stored[0].Count, stored[0].Ratio));
        Assert.Equal(new byte[] { 0, 255 }, stored[0].Data);
        Assert.Equal(("b", (string?)null, long.MaxValue, -2.25, (byte[]?)null), stored[1]);
    }

    [Fact]
    public async Task Parameters_named_out_of_order_in_the_statement_get_their_own_values()
    {
        await InsertAsync(["a", "old", 1, 0.0, null], ["b", "old", 2, 0.0, null]);

        var changed = await _database.WriteAsync((c, t) => RowStatements.ExecuteEachAsync(c, t,
            "UPDATE rows_test SET label = @p1, count = @p2 WHERE id = @p0", 3, [["b", "new b", 20L], ["a", "new a", 10L]], CancellationToken.None));

        Assert.Equal(2, changed);
        Assert.Equal([("a", "new a", 10L), ("b", "new b", 20L)], (await StoredAsync()).Select(r => (r.Id, r.Label, r.Count)));
    }

    [Fact]
    public async Task A_row_the_database_refuses_fails_the_call_and_nothing_of_the_transaction_is_stored()
    {
        await Assert.ThrowsAnyAsync<DbException>(() => _database.WriteAsync((c, t) => RowStatements.ExecuteEachAsync(c, t,
            "INSERT INTO rows_test (id, label) VALUES (@p0, @p1)", 2, [["a", "first"], ["a", "same id again"]], CancellationToken.None)));

        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task A_cancelled_call_stores_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _database.WriteAsync((c, t) => RowStatements.ExecuteEachAsync(c, t,
            Insert, 5, [["a", "first", 1, 0.0, null]], cancelled.Token)));

        Assert.Empty(await StoredAsync());
    }
}

public sealed class SqliteRowStatementsTests() : RowStatementsTests(SqlDialect.Sqlite)
{
    [Fact]
    public async Task Flags_characters_and_small_numbers_are_bound_as_sqlite_stores_them_and_other_types_are_refused()
    {
        await using var file = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        await using var database = new LookoutDatabase(SqlDialect.Sqlite, file.ConnectionString);
        await database.WriteAsync((c, t) => c.ExecuteAsync("CREATE TABLE kinds (flag INTEGER, letter TEXT, small INTEGER, ratio REAL)", transaction: t));

        await database.WriteAsync((c, t) => RowStatements.ExecuteEachAsync(c, t,
            "INSERT INTO kinds VALUES (@p0, @p1, @p2, @p3)", 4, [[true, 'x', (short)-3, 1.5f]], CancellationToken.None));
        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => database.WriteAsync((c, t) => RowStatements.ExecuteEachAsync(c, t,
            "INSERT INTO kinds VALUES (@p0, @p1, @p2, @p3)", 4, [[false, DateTimeOffset.UnixEpoch, 1, 1.0]], CancellationToken.None)));

        Assert.Contains(nameof(DateTimeOffset), refused.Message, StringComparison.Ordinal);
        await using var connection = await database.OpenAsync();
        Assert.Equal([(1L, "x", -3L, 1.5)], (await connection.QueryAsync<(long, string, long, double)>("SELECT flag, letter, small, ratio FROM kinds")).ToList());
    }
}

public sealed class PostgresRowStatementsTests() : RowStatementsTests(SqlDialect.PostgreSql);
