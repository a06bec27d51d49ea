using Lookout.Exclusions.Matching;
using Lookout.Exclusions.Tests.Support;
using Lookout.Kernel.Storage;
using static Lookout.Exclusions.Tests.Support.Rules;

namespace Lookout.Exclusions.Tests.Hits;

/// <summary>Hits are counted in memory at ingestion and written to the table in batches.</summary>
public abstract class HitCountTests(SqlDialect dialect) : IAsyncLifetime
{
    private ModuleOnDatabase _module = null!;

    public async Task InitializeAsync() => _module = await ModuleOnDatabase.StartAsync(dialect);

    public async Task DisposeAsync() => await _module.DisposeAsync();

    [Fact]
    public async Task Hits_reach_the_table_when_the_flush_interval_has_passed_and_not_before()
    {
        var exclusion = await _module.CreateAsync(Workspace, ExclusionKind.Ip, "10.0.0.0/8");
        await _module.Flusher.StartAsync(CancellationToken.None);
        var hitAt = _module.Clock.GetUtcNow();
        await ExcludeAsync(PageView(ip: "10.0.0.1"), times: 5);

        _module.Clock.Advance(ModuleOnDatabase.FlushInterval - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await _module.ReadAsync(exclusion)).HitCount);
        _module.Clock.Advance(TimeSpan.FromSeconds(1));

        var read = await EventuallyAsync(exclusion, hits: 5);
        Assert.Equal(hitAt, read.LastHitAt);
    }

    [Fact]
    public async Task Hits_still_in_memory_are_written_when_the_host_has_stopped()
    {
        var exclusion = await _module.CreateAsync(Workspace, ExclusionKind.Page, "private/*");
        await _module.Flusher.StartAsync(CancellationToken.None);
        await ExcludeAsync(PageView(url: "/private/a"), times: 3);

        await _module.Flusher.StoppedAsync(CancellationToken.None);

        Assert.Equal(3, (await _module.ReadAsync(exclusion)).HitCount);
    }

    [Fact]
    public async Task Hits_add_up_across_flushes_and_the_last_hit_moves_on()
    {
        var exclusion = await _module.CreateAsync(Workspace, ExclusionKind.Country, "FR");
        await ExcludeAsync(PageView(country: "FR"), times: 2);
        await _module.Flusher.FlushAsync(CancellationToken.None);
        _module.Clock.Advance(TimeSpan.FromMinutes(5));
        var lastHitAt = _module.Clock.GetUtcNow();

        await ExcludeAsync(PageView(country: "FR"), times: 3);
        await _module.Flusher.FlushAsync(CancellationToken.None);

        var read = await _module.ReadAsync(exclusion);
        Assert.Equal(5, read.HitCount);
        Assert.Equal(lastHitAt, read.LastHitAt);
    }

    [Fact]
    public async Task Each_exclusion_counts_only_what_it_left_out()
    {
        var byIp = await _module.CreateAsync(Workspace, ExclusionKind.Ip, "10.0.0.0/8");
        var byCountry = await _module.CreateAsync(Workspace, ExclusionKind.Country, "FR");
        await ExcludeAsync(PageView(ip: "10.0.0.1", country: "FR"), times: 2);
        await ExcludeAsync(PageView(ip: "8.8.8.8", country: "FR"), times: 1);
        Assert.Null(await _module.Policy.MatchAsync(PageView(ip: "8.8.8.8", country: "DE"), CancellationToken.None));

        await _module.Flusher.FlushAsync(CancellationToken.None);

        Assert.Equal(2, (await _module.ReadAsync(byIp)).HitCount);
        Assert.Equal(1, (await _module.ReadAsync(byCountry)).HitCount);
    }

    [Fact]
    public async Task Asking_without_ingesting_counts_no_hit()
    {
        var exclusion = await _module.CreateAsync(Workspace, ExclusionKind.Ip, "10.0.0.0/8");

        Assert.NotNull(await _module.Policy.FindAsync(PageView(ip: "10.0.0.1"), CancellationToken.None));
        await _module.Flusher.FlushAsync(CancellationToken.None);

        var read = await _module.ReadAsync(exclusion);
        Assert.Equal(0, read.HitCount);
        Assert.Null(read.LastHitAt);
    }

    private async Task ExcludeAsync(Contracts.ExclusionSubject pageView, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.NotNull(await _module.Policy.MatchAsync(pageView, CancellationToken.None));
        }
    }

    /// <summary>The timer's flush runs in the background: wait for it to land.</summary>
    private async Task<Lookout.Exclusions.Exclusions.Exclusion> EventuallyAsync(Lookout.Exclusions.Exclusions.Exclusion exclusion, long hits)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var read = await _module.ReadAsync(exclusion);
            if (read.HitCount == hits || DateTime.UtcNow > deadline)
            {
                Assert.Equal(hits, read.HitCount);
                return read;
            }
            await Task.Delay(20);
        }
    }
}

public sealed class HitCountOnSqlite() : HitCountTests(SqlDialect.Sqlite);

public sealed class HitCountOnPostgreSql() : HitCountTests(SqlDialect.PostgreSql);
