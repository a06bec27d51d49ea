using System.Data.Common;
using Dapper;
using Lookout.Kernel.Modules;
using Lookout.Kernel.Storage;
using Lookout.Kernel.Tests.Support;
using Lookout.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Tests.Storage;

/// <summary>
/// How every database Lookout runs on is migrated at start-up. A dialect's tests inherit this class and say which
/// database to create; each test gets a fresh one, migrated the way a host migrates it.
/// </summary>
public abstract class MigrationConformance : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private TestDatabase _database = null!;
    private KernelOnDatabase _kernel = null!;

    protected abstract SqlDialect Dialect { get; }

    private LookoutDatabase Database => _kernel.Database;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Dialect);
        _kernel = KernelOnDatabase.Create(_database, _clock);
        await _kernel.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _kernel.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Kernel_migrations_are_applied_at_start_up_and_recorded()
    {
        var applied = await QueryAsync<(string Module, long Number, string Name)>(
            "SELECT module, CAST(number AS BIGINT), name FROM kernel_migrations ORDER BY module, number");

        var embedded = Migration.FromAssembly(typeof(MigrationRunner).Assembly, Dialect);
        Assert.NotEmpty(embedded);
        Assert.Equal(embedded.Select(m => ("kernel", (long)m.Number, m.Name)), applied);
        Assert.Equal(0, await CountAsync("kernel_plugin_settings"));
    }

    [Fact]
    public async Task Starting_again_applies_nothing_twice()
    {
        var recorded = await CountAsync("kernel_migrations");
        await ExecuteAsync("INSERT INTO kernel_plugin_settings (plugin_id, payload, modified_at, modified_by) VALUES ('email', '{}', 0, 'admin')");

        await _kernel.MigrateAsync();
        await using (var secondHost = KernelOnDatabase.Create(_database, _clock))
        {
            await secondHost.MigrateAsync();
        }

        Assert.Equal(recorded, await CountAsync("kernel_migrations"));
        Assert.Equal(1, await CountAsync("kernel_plugin_settings"));
    }

    [Fact]
    public async Task Module_migrations_run_after_the_kernel_and_the_modules_they_depend_on_and_only_new_ones_on_a_later_start()
    {
        // Each migration reads the table of the one that must run before it, so a wrong order fails start-up; "notes"
        // comes before "tags" by name, so only its dependency puts it after.
        const string notesStep1 = "CREATE TABLE notes_items (id INTEGER PRIMARY KEY, body TEXT NOT NULL); INSERT INTO notes_items (id, body) SELECT COUNT(*), 'after tags' FROM tags_items";
        var notes = new MigratingModule("notes", ["tags"], Dialect, notesStep1);
        var tags = new MigratingModule("tags", [], Dialect,
            "CREATE TABLE tags_items (id INTEGER PRIMARY KEY); INSERT INTO tags_items (id) SELECT COUNT(*) FROM kernel_plugin_settings");
        await using (var host = KernelOnDatabase.Create(_database, _clock, modules: [notes, tags]))
        {
            await host.MigrateAsync();
        }
        _clock.Advance(TimeSpan.FromDays(1));
        var notesVersion2 = new MigratingModule("notes", ["tags"], Dialect,
            notesStep1,
            "ALTER TABLE notes_items ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0");
        await using (var upgradedHost = KernelOnDatabase.Create(_database, _clock, modules: [notesVersion2, tags]))
        {
            await upgradedHost.MigrateAsync();
        }

        var applied = await QueryAsync<(string Module, long Number, long AppliedAt)>(
            "SELECT module, CAST(number AS BIGINT), applied_at FROM kernel_migrations WHERE module <> 'kernel' ORDER BY applied_at, module, number");
        var firstStart = _clock.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds();
        Assert.Equal([("notes", 1L, firstStart), ("tags", 1L, firstStart), ("notes", 2L, firstStart + 86_400_000)], applied);
        await ExecuteAsync("INSERT INTO notes_items (id, body, pinned) VALUES (10, 'hello', 1)");
        await ExecuteAsync("INSERT INTO tags_items (id) VALUES (10)");
    }

    [Fact]
    public async Task A_failing_migration_is_neither_applied_nor_recorded()
    {
        var broken = new MigratingModule("broken", [], Dialect,
            "CREATE TABLE broken_items (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1)");
        await using var host = KernelOnDatabase.Create(_database, _clock, modules: [broken]);

        await Assert.ThrowsAnyAsync<DbException>(host.MigrateAsync);

        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM kernel_migrations WHERE module = 'broken'"));
        await ExecuteAsync("CREATE TABLE broken_items (id INTEGER PRIMARY KEY)");
    }

    [Fact]
    public async Task A_write_transaction_that_throws_is_rolled_back()
    {
        const string insert = "INSERT INTO kernel_plugin_settings (plugin_id, payload, modified_at, modified_by) VALUES ('sms', '{}', 0, 'admin')";
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(insert, transaction: transaction);
            throw new InvalidOperationException("the work failed half-way");
        }));

        Assert.Equal("the work failed half-way", failure.Message);
        Assert.Equal(0, await CountAsync("kernel_plugin_settings"));
        await ExecuteAsync(insert);
        Assert.Equal(1, await CountAsync("kernel_plugin_settings"));
    }

    private Task<long> CountAsync(string table) => ScalarAsync($"SELECT COUNT(*) FROM {table}");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.QueryAsync<T>(sql)).ToList();
    }

    private Task<int> ExecuteAsync(string sql) => Database.WriteAsync((connection, transaction) => connection.ExecuteAsync(sql, transaction: transaction));

    /// <summary>A module that brings only migrations, numbered from 1 in the order given.</summary>
    private sealed class MigratingModule(string name, string[] dependsOn, SqlDialect dialect, params string[] migrations) : IModule
    {
        public string Name => name;

        public string Title => name;

        public IReadOnlyList<string> DependsOn => dependsOn;

        public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
        {
        }

        public void MapEndpoints(RouteGroupBuilder group)
        {
        }

        public IReadOnlyList<Migration> Migrations(SqlDialect requested)
        {
            Assert.Equal(dialect, requested);
            return migrations.Select((sql, i) => new Migration(i + 1, $"step{i + 1}", sql)).ToList();
        }
    }
}

public sealed class SqliteMigrationTests : MigrationConformance
{
    protected override SqlDialect Dialect => SqlDialect.Sqlite;
}

public sealed class PostgresMigrationTests : MigrationConformance
{
    protected override SqlDialect Dialect => SqlDialect.PostgreSql;
}

