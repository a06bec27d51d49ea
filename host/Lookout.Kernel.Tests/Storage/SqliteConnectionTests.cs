using System.Data.Common;
using Dapper;
using Lookout.Kernel.Storage;
using Lookout.Testing;

namespace Lookout.Kernel.Tests.Storage;

/// <summary>
/// The settings of SQLite connections hold on every connection, although they are sent once per native connection
/// and not on every open; writes go through one connection with a larger page cache.
/// </summary>
public sealed class SqliteConnectionTests : IAsyncLifetime
{
    private TestDatabase _file = null!;
    private LookoutDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _file = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        _database = new LookoutDatabase(SqlDialect.Sqlite, _file.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _file.DisposeAsync();
    }

    [Fact]
    public async Task Every_connection_has_the_settings_also_when_the_pool_hands_it_out_again()
    {
        // Several at once (so the pool has more than one native connection), then again after they went back.
        for (var round = 0; round < 2; round++)
        {
            var connections = new List<DbConnection>();
            for (var i = 0; i < 3; i++)
            {
                connections.Add(await _database.OpenAsync());
            }
            foreach (var connection in connections)
            {
                Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous")); // NORMAL
                Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
                Assert.Equal(10_000, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
                Assert.Equal(20_000, await connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint"));
                Assert.True(await connection.ExecuteScalarAsync<long>("PRAGMA mmap_size") > 0);
                Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
            }
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Writes_share_one_connection_with_a_large_page_cache_and_commit()
    {
        await _database.WriteAsync((c, t) => c.ExecuteAsync("CREATE TABLE t (n INTEGER)", transaction: t));
        var caches = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            caches.Add(await _database.WriteAsync(async (c, t) =>
            {
                await c.ExecuteAsync("INSERT INTO t (n) VALUES (@i)", new { i }, t);
                return await c.ExecuteScalarAsync<long>("PRAGMA cache_size", transaction: t);
            }));
        }
        Assert.All(caches, cache => Assert.Equal(-65_536, cache));

        // A failed write leaves nothing behind and the next one still works.
        await Assert.ThrowsAsync<InvalidOperationException>(() => _database.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("INSERT INTO t (n) VALUES (99)", transaction: t);
            throw new InvalidOperationException("fails after its insert");
        }));
        await _database.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO t (n) VALUES (3)", transaction: t));

        await using var reader = await _database.OpenAsync();
        Assert.Equal([0L, 1L, 2L, 3L], await reader.QueryAsync<long>("SELECT n FROM t ORDER BY n"));
    }
}
