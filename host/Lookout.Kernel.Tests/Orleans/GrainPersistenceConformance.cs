using System.Diagnostics;
using Lookout.Kernel.Storage;
using Lookout.Kernel.Tests.Orleans.TestGrains;
using Lookout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace Lookout.Kernel.Tests.Orleans;

/// <summary>
/// What every database that keeps Lookout's grain state and reminders must do, run on a real silo. A database's tests
/// inherit this class, name the dialect and register its providers in <see cref="ConfigureStorage"/>: grain storage
/// named <see cref="StorageName"/> and a reminder service. Each test gets a fresh database, migrated as a host
/// migrates it at start-up, and a cluster of its own.
/// </summary>
public abstract class GrainPersistenceConformance : IAsyncLifetime
{
    /// <summary>The grain storage provider the test grains keep their state in.</summary>
    public const string StorageName = "conformance";

    private const string ServiceId = "lookout-conformance";
    private readonly string _clusterId = "conformance-" + Guid.NewGuid().ToString("N");
    private readonly List<LocalSilo> _silos = [];
    private TestDatabase _database = null!;

    protected abstract SqlDialect Dialect { get; }

    /// <summary>Registers grain storage named <see cref="StorageName"/> and the reminder service on <paramref name="database"/>.</summary>
    protected abstract void ConfigureStorage(ISiloBuilder silo, TestDatabase database);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Dialect);
        await using var database = new LookoutDatabase(Dialect, _database.ConnectionString);
        await new MigrationRunner(database, TimeProvider.System, NullLogger<MigrationRunner>.Instance)
            .ApplyAsync([("kernel", Migration.FromAssembly(typeof(LookoutDatabase).Assembly, Dialect))]);
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task State_written_by_a_grain_is_read_back_by_a_new_activation()
    {
        var silo = await StartSiloAsync();
        var tally = silo.Grain<ITallyGrain>("visits");
        await tally.Add(2);
        await tally.Add(3);
        var firstActivation = await tally.GetActivationId();

        await tally.Deactivate();

        Assert.Equal(5, await tally.GetTotal());
        Assert.NotEqual(firstActivation, await tally.GetActivationId());
    }

    [Fact]
    public async Task State_written_by_a_grain_survives_a_full_silo_restart()
    {
        var first = await StartSiloAsync();
        await first.Grain<ITallyGrain>("visits").Add(7);
        await first.StopAsync();

        var second = await StartSiloAsync();

        Assert.Equal(7, await second.Grain<ITallyGrain>("visits").GetTotal());
    }

    [Fact]
    public async Task State_cleared_by_a_grain_is_gone_for_the_next_activation_and_can_be_written_again()
    {
        var silo = await StartSiloAsync();
        var tally = silo.Grain<ITallyGrain>("visits");
        await tally.Add(4);

        await tally.Clear();
        await tally.Deactivate();

        Assert.Equal(0, await tally.GetTotal());
        Assert.Equal(1, await tally.Add(1));
    }

    [Fact]
    public async Task Another_service_on_the_same_database_sees_none_of_the_state()
    {
        var silo = await StartSiloAsync();
        await silo.Grain<ITallyGrain>("visits").Add(7);
        await silo.StopAsync();

        var otherService = await StartSiloAsync(serviceId: "another-service");

        Assert.Equal(0, await otherService.Grain<ITallyGrain>("visits").GetTotal());
    }

    [Fact]
    public async Task A_state_never_written_reads_as_a_new_state_with_no_record_and_no_etag()
    {
        var storage = Storage(await StartSiloAsync());
        var read = new GrainState<TallyState>();

        await storage.ReadStateAsync("tally", TallyId("nobody"), read);

        Assert.NotNull(read.State);
        Assert.Equal((0, null, false), (read.State.Total, read.ETag, read.RecordExists));
    }

    [Fact]
    public async Task A_written_state_is_read_back_with_the_etag_the_write_gave()
    {
        var storage = Storage(await StartSiloAsync());
        var written = new GrainState<TallyState>(new TallyState(3));
        await storage.WriteStateAsync("tally", TallyId("k"), written);
        var firstETag = written.ETag;
        written.State = new TallyState(4);
        await storage.WriteStateAsync("tally", TallyId("k"), written);

        var read = await ReadAsync(storage, TallyId("k"));

        Assert.NotNull(firstETag);
        Assert.NotEqual(firstETag, written.ETag);
        Assert.True(written.RecordExists);
        Assert.Equal((4, written.ETag, true), read);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_raises_InconsistentStateException_and_changes_nothing()
    {
        var storage = Storage(await StartSiloAsync());
        var current = new GrainState<TallyState>(new TallyState(1));
        await storage.WriteStateAsync("tally", TallyId("k"), current);
        var stale = new GrainState<TallyState>(new TallyState(99), current.ETag);
        current.State = new TallyState(2);
        await storage.WriteStateAsync("tally", TallyId("k"), current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("tally", TallyId("k"), stale));

        Assert.Equal((2, current.ETag, true), await ReadAsync(storage, TallyId("k")));
    }

    [Fact]
    public async Task A_clear_with_a_stale_etag_raises_InconsistentStateException_and_keeps_the_state()
    {
        var storage = Storage(await StartSiloAsync());
        var current = new GrainState<TallyState>(new TallyState(1));
        await storage.WriteStateAsync("tally", TallyId("k"), current);
        var stale = new GrainState<TallyState>(new TallyState(1), current.ETag) { RecordExists = true };
        current.State = new TallyState(2);
        await storage.WriteStateAsync("tally", TallyId("k"), current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("tally", TallyId("k"), stale));

        Assert.Equal((2, current.ETag, true), await ReadAsync(storage, TallyId("k")));
    }

    [Fact]
    public async Task A_first_write_with_an_etag_when_nothing_is_stored_fails()
    {
        var storage = Storage(await StartSiloAsync());
        var elsewhere = new GrainState<TallyState>(new TallyState(1));
        await storage.WriteStateAsync("tally", TallyId("elsewhere"), elsewhere);
        var claimsAVersion = new GrainState<TallyState>(new TallyState(5), elsewhere.ETag);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("tally", TallyId("k"), claimsAVersion));

        Assert.False((await ReadAsync(storage, TallyId("k"))).RecordExists);
    }

    [Fact]
    public async Task A_second_first_write_fails_and_keeps_the_state_of_the_first()
    {
        var storage = Storage(await StartSiloAsync());
        await storage.WriteStateAsync("tally", TallyId("k"), new GrainState<TallyState>(new TallyState(1)));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("tally", TallyId("k"), new GrainState<TallyState>(new TallyState(9))));

        Assert.Equal(1, (await ReadAsync(storage, TallyId("k"))).Total);
    }

    [Fact]
    public async Task A_cleared_state_reads_as_new_with_no_record_and_can_be_written_again()
    {
        var storage = Storage(await StartSiloAsync());
        var holder = new GrainState<TallyState>(new TallyState(3));
        await storage.WriteStateAsync("tally", TallyId("k"), holder);

        await storage.ClearStateAsync("tally", TallyId("k"), holder);

        Assert.False(holder.RecordExists);
        Assert.Equal(0, holder.State?.Total);
        Assert.Equal((0, holder.ETag, false), await ReadAsync(storage, TallyId("k")));
        holder.State = new TallyState(8);
        await storage.WriteStateAsync("tally", TallyId("k"), holder);
        Assert.Equal((8, holder.ETag, true), await ReadAsync(storage, TallyId("k")));
    }

    [Fact]
    public async Task A_write_with_the_etag_read_before_a_clear_fails()
    {
        var storage = Storage(await StartSiloAsync());
        var clearer = new GrainState<TallyState>(new TallyState(3));
        await storage.WriteStateAsync("tally", TallyId("k"), clearer);
        var before = new GrainState<TallyState>(new TallyState(4), clearer.ETag) { RecordExists = true };

        await storage.ClearStateAsync("tally", TallyId("k"), clearer);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("tally", TallyId("k"), before));
        Assert.False((await ReadAsync(storage, TallyId("k"))).RecordExists);
    }

    [Fact]
    public async Task Clearing_a_state_never_written_leaves_no_record()
    {
        var storage = Storage(await StartSiloAsync());
        var nothing = new GrainState<TallyState>();

        await storage.ClearStateAsync("tally", TallyId("k"), nothing);

        Assert.False(nothing.RecordExists);
        Assert.False((await ReadAsync(storage, TallyId("k"))).RecordExists);
    }

    [Fact]
    public async Task Two_writers_that_read_the_same_version_cannot_both_win()
    {
        var storage = Storage(await StartSiloAsync());
        var read = new GrainState<TallyState>(new TallyState(0));
        await storage.WriteStateAsync("tally", TallyId("k"), read);

        var wins = await Task.WhenAll(Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await storage.WriteStateAsync("tally", TallyId("k"), new GrainState<TallyState>(new TallyState(i), read.ETag) { RecordExists = true });
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Single(wins, won => won);
    }

    [Fact]
    public async Task Thousands_of_writes_at_once_each_keep_their_own_outcome()
    {
        // As a host shedding grains under memory pressure writes: many at once, a few of them stale.
        var storage = Storage(await StartSiloAsync());
        var stale = new GrainState<TallyState>(new TallyState(0));
        await storage.WriteStateAsync("tally", TallyId("stale"), stale);
        var staleETag = stale.ETag;
        await storage.WriteStateAsync("tally", TallyId("stale"), stale);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2_000).Select(async i =>
        {
            try
            {
                if (i % 100 == 0)
                {
                    await storage.WriteStateAsync("tally", TallyId("stale"), new GrainState<TallyState>(new TallyState(-i), staleETag) { RecordExists = true });
                }
                else
                {
                    await storage.WriteStateAsync("tally", TallyId($"many-{i}"), new GrainState<TallyState>(new TallyState(i)));
                }
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.All(Enumerable.Range(0, 2_000), i => Assert.Equal(i % 100 != 0, outcomes[i]));
        Assert.Equal((0, stale.ETag, true), await ReadAsync(storage, TallyId("stale")));
        foreach (var i in Enumerable.Range(0, 2_000).Where(i => i % 100 != 0))
        {
            Assert.Equal(i, (await ReadAsync(storage, TallyId($"many-{i}"))).Total);
        }
    }

    [Fact]
    public async Task Two_state_names_with_the_same_key_do_not_collide()
    {
        // Orleans' ADO.NET provider keys a row by state name and grain key, not by grain type: two grain types must
        // not share a state name, and Lookout's grains each name their own ("visitor", ...).
        var storage = Storage(await StartSiloAsync());
        var places = new[]
        {
            ("tally", GrainId.Create("tally", "same-key")),
            ("other-state", GrainId.Create("tally", "same-key")),
            ("third-state", GrainId.Create("other-type", "same-key")),
        };
        for (var i = 0; i < places.Length; i++)
        {
            await storage.WriteStateAsync(places[i].Item1, places[i].Item2, new GrainState<TallyState>(new TallyState(i + 1)));
        }

        var totals = new List<int>();
        foreach (var (stateName, grainId) in places)
        {
            totals.Add((await ReadAsync(storage, grainId, stateName)).Total);
        }

        Assert.Equal([1, 2, 3], totals);
    }

    [Fact]
    public async Task A_reminder_registered_before_a_silo_restart_fires_after_it()
    {
        var first = await StartSiloAsync();
        await first.Grain<IWakeUpGrain>("sleeper").Register("ring", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500));
        await first.StopAsync();

        var second = await StartSiloAsync();

        await Eventually.TrueAsync(() => second.Reminders.Count("sleeper", "ring") > 0, "the reminder fires on the restarted silo");
    }

    [Fact]
    public async Task A_removed_reminder_no_longer_fires()
    {
        var silo = await StartSiloAsync();
        var grain = silo.Grain<IWakeUpGrain>("sleeper");
        await grain.Register("ring", TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
        await Eventually.TrueAsync(() => silo.Reminders.Count("sleeper", "ring") > 0, "the reminder fires once registered");

        await grain.Unregister("ring");
        await Task.Delay(TimeSpan.FromMilliseconds(250)); // a tick already on its way when the reminder went
        var ticksWhenRemoved = silo.Reminders.Count("sleeper", "ring");
        await Task.Delay(TimeSpan.FromMilliseconds(800));

        Assert.Equal(ticksWhenRemoved, silo.Reminders.Count("sleeper", "ring"));
        Assert.Null(await ReminderTable(silo).ReadRow(grain.GetGrainId(), "ring"));
    }

    [Fact]
    public async Task The_reminder_table_reads_a_ring_range_including_one_that_wraps()
    {
        var table = ReminderTable(await StartSiloAsync());
        // Three grains in ring order: a below b below c.
        var grains = Enumerable.Range(0, 3).Select(i => WakeUpId($"grain-{i}")).OrderBy(g => g.GetUniformHashCode()).ToArray();
        var (a, b, c) = (grains[0], grains[1], grains[2]);
        foreach (var grain in grains)
        {
            await table.UpsertRow(FarOffReminder(grain, "ring"));
        }

        var (ha, hb, hc) = (a.GetUniformHashCode(), b.GetUniformHashCode(), c.GetUniformHashCode());

        // (begin, end]: the lower bound is out, the upper one in; begin at or above end wraps past the top of the ring.
        Assert.Equal([b], GrainsOf(await table.ReadRows(ha, hb)));
        Assert.Equal([b, c], GrainsOf(await table.ReadRows(ha, hc)));
        Assert.Equal([a, c], GrainsOf(await table.ReadRows(hb, ha)));
        Assert.Equal([a], GrainsOf(await table.ReadRows(hc, ha)));
        Assert.Equal([a, b, c], GrainsOf(await table.ReadRows(hb, hb)));
    }

    [Fact]
    public async Task The_reminder_table_keeps_one_row_per_grain_and_name_and_removes_it_only_with_its_current_etag()
    {
        var table = ReminderTable(await StartSiloAsync());
        var grain = WakeUpId("sleeper");
        var first = await table.UpsertRow(FarOffReminder(grain, "ring"));
        await table.UpsertRow(FarOffReminder(grain, "other"));
        var replaced = FarOffReminder(grain, "ring");
        replaced.Period = TimeSpan.FromMinutes(7);
        var second = await table.UpsertRow(replaced);

        var row = await table.ReadRow(grain, "ring");

        Assert.NotEqual(first, second);
        Assert.NotNull(row);
        Assert.Equal((replaced.StartAt, TimeSpan.FromMinutes(7), second), (row.StartAt, row.Period, row.ETag));
        Assert.Equal(["other", "ring"], (await table.ReadRows(grain)).Reminders.Select(r => r.ReminderName).Order());
        Assert.False(await table.RemoveRow(grain, "ring", first!));
        Assert.True(await table.RemoveRow(grain, "ring", second!));
        Assert.Null(await table.ReadRow(grain, "ring"));
        Assert.Equal(["other"], (await table.ReadRows(grain)).Reminders.Select(r => r.ReminderName));
    }

    /// <summary>Starts a silo of this test's cluster on the test database; it is disposed with the test.</summary>
    protected async Task<LocalSilo> StartSiloAsync(string serviceId = ServiceId)
    {
        var silo = await LocalSilo.StartAsync(serviceId, _clusterId, builder => ConfigureStorage(builder, _database));
        _silos.Add(silo);
        return silo;
    }

    private static IGrainStorage Storage(LocalSilo silo) => silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageName);

    private static IReminderTable ReminderTable(LocalSilo silo) => silo.Services.GetRequiredService<IReminderTable>();

    private static GrainId TallyId(string key) => GrainId.Create("tally", key);

    private static GrainId WakeUpId(string key) => GrainId.Create("wakeup", key);

    /// <summary>What a new activation of a tally would read.</summary>
    private static async Task<(int Total, string? ETag, bool RecordExists)> ReadAsync(IGrainStorage storage, GrainId grainId, string stateName = "tally")
    {
        var read = new GrainState<TallyState>();
        await storage.ReadStateAsync(stateName, grainId, read);
        return (read.State!.Total, read.ETag, read.RecordExists);
    }

    /// <summary>A reminder due tomorrow: in the table, but never loaded by the silo's reminder service during a test.</summary>
    private static ReminderEntry FarOffReminder(GrainId grain, string name) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = DateTime.UtcNow.AddDays(1).Date,
        Period = TimeSpan.FromHours(1),
    };

    private static GrainId[] GrainsOf(ReminderTableData data) =>
        data.Reminders.Select(r => r.GrainId).OrderBy(g => g.GetUniformHashCode()).ToArray();
}
