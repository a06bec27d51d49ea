using System.Data.Common;
using Dapper;
using Lookout.Kernel.Grains;
using Lookout.Kernel.Modules;
using Lookout.Kernel.Storage;
using Lookout.Kernel.Tests.Support;
using Lookout.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Tests.Storage;

/// <summary>
/// What every database Lookout stores grains in must do. A dialect's tests inherit this class and say which
/// database to create; each test gets a fresh one, migrated the way a host migrates it at start-up.
/// </summary>
public abstract class GrainStorageConformance : IAsyncLifetime
{
    private const string GrainType = "Tests.ICartGrain";
    private readonly ManualClock _clock = new();
    private TestDatabase _database = null!;
    private TestSilo _silo = null!;

    protected abstract SqlDialect Dialect { get; }

    private IGrainStorage Storage => _silo.Storage;

    private IReminderTable Reminders => _silo.Services.GetRequiredService<IReminderTable>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Dialect);
        _silo = TestSilo.Create(_database, _clock);
        await _silo.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Kernel_migrations_are_applied_at_start_up_and_recorded()
    {
        var applied = await QueryAsync<(string Module, long Number, string Name)>(
            "SELECT module, CAST(number AS BIGINT), name FROM kernel_migrations ORDER BY module, number");

        Assert.Equal([("kernel", 1L, "grains"), ("kernel", 2L, "plugin_settings"), ("kernel", 4L, "data_protection_keys")], applied);
        Assert.Equal(0, await CountAsync("grain_state"));
        Assert.Equal(0, await CountAsync("grain_reminders"));
    }

    [Fact]
    public async Task Starting_again_applies_nothing_twice()
    {
        await Storage.WriteAsync(GrainType, "cart-1", null, """{"items":1}""", CancellationToken.None);

        await _silo.MigrateAsync();
        await using (var secondHost = TestSilo.Create(_database, _clock))
        {
            await secondHost.MigrateAsync();
        }

        Assert.Equal(3, await CountAsync("kernel_migrations"));
        Assert.Equal(1, await CountAsync("grain_state"));
    }

    [Fact]
    public async Task Module_migrations_run_after_the_kernel_in_module_order_and_only_new_ones_on_a_later_start()
    {
        // Each migration reads the table of the one that must run before it, so a wrong order fails start-up.
        const string notesStep1 = "CREATE TABLE notes_items (id INTEGER PRIMARY KEY, body TEXT NOT NULL); INSERT INTO notes_items (id, body) SELECT COUNT(*), 'after tags' FROM tags_items";
        var notes = new MigratingModule("notes", 20, Dialect, notesStep1);
        var tags = new MigratingModule("tags", 10, Dialect,
            "CREATE TABLE tags_items (id INTEGER PRIMARY KEY); INSERT INTO tags_items (id) SELECT COUNT(*) FROM grain_state");
        await using (var host = TestSilo.Create(_database, _clock, modules: [notes, tags]))
        {
            await host.MigrateAsync();
        }
        _clock.Advance(TimeSpan.FromDays(1));
        var notesVersion2 = new MigratingModule("notes", 20, Dialect,
            notesStep1,
            "ALTER TABLE notes_items ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0");
        await using (var upgradedHost = TestSilo.Create(_database, _clock, modules: [notesVersion2, tags]))
        {
            await upgradedHost.MigrateAsync();
        }

        var applied = await QueryAsync<(string Module, long Number, long AppliedAt)>(
            "SELECT module, CAST(number AS BIGINT), applied_at FROM kernel_migrations ORDER BY applied_at, module, number");
        var firstStart = _clock.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds();
        Assert.Equal(
            [("kernel", 1L, firstStart), ("kernel", 2L, firstStart), ("kernel", 4L, firstStart), ("notes", 1L, firstStart), ("tags", 1L, firstStart), ("notes", 2L, firstStart + 86_400_000)],
            applied);
        await ExecuteAsync("INSERT INTO notes_items (id, body, pinned) VALUES (10, 'hello', 1)");
        await ExecuteAsync("INSERT INTO tags_items (id) VALUES (10)");
    }

    [Fact]
    public async Task A_failing_migration_is_neither_applied_nor_recorded()
    {
        var broken = new MigratingModule("broken", 1, Dialect,
            "CREATE TABLE broken_items (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1)");
        await using var host = TestSilo.Create(_database, _clock, modules: [broken]);

        await Assert.ThrowsAnyAsync<DbException>(host.MigrateAsync);

        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM kernel_migrations WHERE module = 'broken'"));
        await ExecuteAsync("CREATE TABLE broken_items (id INTEGER PRIMARY KEY)");
    }

    [Fact]
    public async Task Written_state_is_read_back_with_the_etag_the_write_returned()
    {
        var first = await Storage.WriteAsync(GrainType, "cart-1", null, """{"items":1}""", CancellationToken.None);
        var second = await Storage.WriteAsync(GrainType, "cart-1", first, """{"items":2}""", CancellationToken.None);

        var stored = await Storage.ReadAsync(GrainType, "cart-1", CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Equal(new GrainStateRecord(second, """{"items":2}"""), stored);
    }

    [Fact]
    public async Task A_grain_with_no_stored_state_reads_nothing()
    {
        await Storage.WriteAsync(GrainType, "cart-1", null, "{}", CancellationToken.None);

        Assert.Null(await Storage.ReadAsync(GrainType, "cart-2", CancellationToken.None));
        Assert.Null(await Storage.ReadAsync("Tests.IOtherGrain", "cart-1", CancellationToken.None));
    }

    [Fact]
    public async Task Writing_with_a_stale_etag_throws_InconsistentStateException_and_keeps_the_newer_state()
    {
        var first = await Storage.WriteAsync(GrainType, "cart-1", null, """{"items":1}""", CancellationToken.None);
        var second = await Storage.WriteAsync(GrainType, "cart-1", first, """{"items":2}""", CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteAsync(GrainType, "cart-1", first, """{"items":3}""", CancellationToken.None));

        Assert.Equal(new GrainStateRecord(second, """{"items":2}"""), await Storage.ReadAsync(GrainType, "cart-1", CancellationToken.None));
    }

    [Fact]
    public async Task Two_writers_that_read_the_same_version_cannot_both_win()
    {
        var read = await Storage.WriteAsync(GrainType, "cart-1", null, """{"items":0}""", CancellationToken.None);

        var writes = await Task.WhenAll(Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await Storage.WriteAsync(GrainType, "cart-1", read, $$"""{"items":{{i}}}""", CancellationToken.None);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Single(writes, won => won);
    }

    [Fact]
    public async Task Inserting_state_that_already_exists_throws_InconsistentStateException()
    {
        var etag = await Storage.WriteAsync(GrainType, "cart-1", null, """{"items":1}""", CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteAsync(GrainType, "cart-1", null, """{"items":9}""", CancellationToken.None));

        Assert.Equal(new GrainStateRecord(etag, """{"items":1}"""), await Storage.ReadAsync(GrainType, "cart-1", CancellationToken.None));
    }

    [Fact]
    public async Task Updating_state_that_was_deleted_throws_InconsistentStateException()
    {
        var etag = await Storage.WriteAsync(GrainType, "cart-1", null, "{}", CancellationToken.None);
        await Storage.ClearAsync(GrainType, "cart-1", etag, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteAsync(GrainType, "cart-1", etag, "{}", CancellationToken.None));
    }

    [Fact]
    public async Task Clearing_with_the_current_etag_deletes_the_state_and_a_new_record_can_follow()
    {
        var etag = await Storage.WriteAsync(GrainType, "cart-1", null, """{"items":1}""", CancellationToken.None);

        await Storage.ClearAsync(GrainType, "cart-1", etag, CancellationToken.None);

        Assert.Null(await Storage.ReadAsync(GrainType, "cart-1", CancellationToken.None));
        await Storage.WriteAsync(GrainType, "cart-1", null, """{"items":5}""", CancellationToken.None);
        Assert.Equal("""{"items":5}""", (await Storage.ReadAsync(GrainType, "cart-1", CancellationToken.None))!.Payload);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_throws_InconsistentStateException_and_keeps_the_state()
    {
        var first = await Storage.WriteAsync(GrainType, "cart-1", null, """{"items":1}""", CancellationToken.None);
        await Storage.WriteAsync(GrainType, "cart-1", first, """{"items":2}""", CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.ClearAsync(GrainType, "cart-1", first, CancellationToken.None));

        Assert.Equal("""{"items":2}""", (await Storage.ReadAsync(GrainType, "cart-1", CancellationToken.None))!.Payload);
    }

    [Fact]
    public async Task A_reminder_is_not_claimed_before_it_is_due()
    {
        var now = _clock.GetUtcNow();
        await Reminders.UpsertAsync(GrainType, "cart-1", "expire", now.AddMinutes(1), TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Empty(await Reminders.ClaimDueAsync(now.AddSeconds(59), 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_due_reminder_is_claimed_once_and_moved_to_its_next_tick()
    {
        var firstDue = _clock.GetUtcNow().AddMinutes(1);
        await Reminders.UpsertAsync(GrainType, "cart-1", "expire", firstDue, TimeSpan.FromMinutes(5), CancellationToken.None);

        var claimed = await Reminders.ClaimDueAsync(firstDue, 10, CancellationToken.None);
        var claimedAgain = await Reminders.ClaimDueAsync(firstDue.AddMinutes(4), 10, CancellationToken.None);
        var nextTick = await Reminders.ClaimDueAsync(firstDue.AddMinutes(5), 10, CancellationToken.None);

        var first = firstDue.ToUnixTimeMilliseconds();
        Assert.Equal([new DueReminder(GrainType, "cart-1", "expire", first, first, 300_000)], claimed);
        Assert.Empty(claimedAgain);
        Assert.Equal([new DueReminder(GrainType, "cart-1", "expire", first, first + 300_000, 300_000)], nextTick);
    }

    [Fact]
    public async Task Ticks_missed_while_no_host_ran_are_skipped()
    {
        var firstDue = _clock.GetUtcNow();
        await Reminders.UpsertAsync(GrainType, "cart-1", "expire", firstDue, TimeSpan.FromMinutes(1), CancellationToken.None);

        var late = await Reminders.ClaimDueAsync(firstDue.AddMinutes(10.5), 10, CancellationToken.None);
        var sameMoment = await Reminders.ClaimDueAsync(firstDue.AddMinutes(10.5), 10, CancellationToken.None);
        var next = await Reminders.ClaimDueAsync(firstDue.AddMinutes(11), 10, CancellationToken.None);

        Assert.Single(late);
        Assert.Empty(sameMoment);
        Assert.Equal(firstDue.AddMinutes(11).ToUnixTimeMilliseconds(), Assert.Single(next).DueAt);
    }

    [Fact]
    public async Task Registering_a_reminder_again_replaces_its_schedule_and_a_deleted_one_is_never_claimed()
    {
        var now = _clock.GetUtcNow();
        await Reminders.UpsertAsync(GrainType, "cart-1", "expire", now, TimeSpan.FromMinutes(1), CancellationToken.None);
        await Reminders.UpsertAsync(GrainType, "cart-1", "expire", now.AddHours(1), TimeSpan.FromHours(2), CancellationToken.None);
        await Reminders.UpsertAsync(GrainType, "cart-2", "expire", now, TimeSpan.FromMinutes(1), CancellationToken.None);
        await Reminders.DeleteAsync(GrainType, "cart-2", "expire", CancellationToken.None);

        Assert.Empty(await Reminders.ClaimDueAsync(now.AddMinutes(59), 10, CancellationToken.None));
        var claimed = Assert.Single(await Reminders.ClaimDueAsync(now.AddHours(1), 10, CancellationToken.None));
        Assert.Equal(("cart-1", 7_200_000L), (claimed.GrainKey, claimed.PeriodMs));
    }

    [Fact]
    public async Task Two_hosts_claiming_at_once_never_get_the_same_tick()
    {
        const int count = 300;
        var now = _clock.GetUtcNow();
        for (var i = 0; i < count; i++)
        {
            await Reminders.UpsertAsync(GrainType, $"cart-{i}", "expire", now.AddMilliseconds(-i), TimeSpan.FromHours(1), CancellationToken.None);
        }
        await using var otherHost = TestSilo.Create(_database, _clock);
        var tables = new[] { Reminders, otherHost.Services.GetRequiredService<IReminderTable>() };

        var claims = await Task.WhenAll(tables.SelectMany(table => Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var mine = new List<DueReminder>();
            IReadOnlyList<DueReminder> batch;
            do
            {
                batch = await table.ClaimDueAsync(now, 7, CancellationToken.None);
                mine.AddRange(batch);
            }
            while (batch.Count > 0);
            return mine;
        }))));

        var claimed = claims.SelectMany(c => c).Select(r => (r.GrainKey, r.DueAt)).ToList();
        Assert.Equal(count, claimed.Count);
        Assert.Equal(count, claimed.Distinct().Count());
    }

    [Fact]
    public async Task A_write_transaction_that_throws_is_rolled_back()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => _silo.Database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "INSERT INTO grain_state (grain_type, grain_key, etag, payload, modified_at) VALUES ('t', 'k', '1-a', '{}', 0)",
                transaction: transaction);
            throw new InvalidOperationException("the work failed half-way");
        }));

        Assert.Equal("the work failed half-way", failure.Message);
        Assert.Equal(0, await CountAsync("grain_state"));
        await Storage.WriteAsync("t", "k", null, "{}", CancellationToken.None);
        Assert.Equal(1, await CountAsync("grain_state"));
    }

    private Task<long> CountAsync(string table) => ScalarAsync($"SELECT COUNT(*) FROM {table}");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await _silo.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = await _silo.Database.OpenAsync();
        return (await connection.QueryAsync<T>(sql)).ToList();
    }

    private Task<int> ExecuteAsync(string sql) => _silo.Database.WriteAsync((connection, transaction) => connection.ExecuteAsync(sql, transaction: transaction));

    /// <summary>A module that brings only migrations, numbered from 1 in the order given.</summary>
    private sealed class MigratingModule(string name, int order, SqlDialect dialect, params string[] migrations) : IModule
    {
        public string Name => name;

        public string Title => name;

        public int Order => order;

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

public sealed class SqliteGrainStorageTests : GrainStorageConformance
{
    protected override SqlDialect Dialect => SqlDialect.Sqlite;
}

public sealed class PostgresGrainStorageTests : GrainStorageConformance
{
    protected override SqlDialect Dialect => SqlDialect.PostgreSql;
}
