using System.Text.Json;
using Dapper;
using Lookout.Kernel.Tests.Grains.TestGrains;
using Lookout.Kernel.Tests.Support;

namespace Lookout.Kernel.Tests.Grains;

public sealed class IdleCollectionTests : SiloTest
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_hundred_thousand_idle_grains_leave_memory_with_their_state_stored_and_come_back_with_it()
    {
        const int count = 100_000;
        var visitors = Enumerable.Range(0, count).Select(i => Silo.Grain<ICounterGrain>($"visitor-{i}")).ToArray();
        await Task.WhenAll(visitors.Select((visitor, i) => visitor.Add(i + 1)));
        Assert.Equal(count, Silo.Runtime.ActivationCount);

        Clock.Advance(IdleTimeout + TimeSpan.FromSeconds(1));
        await Silo.Runtime.CollectIdleAsync();

        Assert.Equal(0, Silo.Runtime.ActivationCount);
        Assert.Equal(count, Silo.Probe.Events.Count(e => e.EndsWith(" Idle", StringComparison.Ordinal)));
        var stored = await StoredValuesAsync();
        Assert.Equal(count, stored.Count);
        Assert.Equal(4_243, stored["visitor-4242"]);
        Assert.Equal(100_000, await visitors[99_999].GetValue());
        Assert.Equal(2, Silo.Probe.Count("activate visitor-99999"));
    }

    [Fact]
    public async Task A_grain_called_within_the_idle_timeout_stays_in_memory()
    {
        var busy = Silo.Grain<ICounterGrain>("busy");
        var quiet = Silo.Grain<ICounterGrain>("quiet");
        await busy.Add(1);
        await quiet.Add(1);

        Clock.Advance(IdleTimeout / 2);
        await busy.Add(1);
        Clock.Advance(IdleTimeout / 2 + TimeSpan.FromSeconds(1));
        await Silo.Runtime.CollectIdleAsync();

        Assert.Equal(1, Silo.Runtime.ActivationCount);
        Assert.Contains("deactivate quiet Idle", Silo.Probe.Events);
        Assert.DoesNotContain("deactivate busy Idle", Silo.Probe.Events);
    }

    [Fact]
    public async Task The_collection_timer_deactivates_idle_grains_by_itself()
    {
        await using var silo = await TestSilo.StartAsync(Database, Clock, new Dictionary<string, string?>
        {
            ["Grains:CollectionInterval"] = "00:01:00",
        });
        await silo.Grain<ICounterGrain>("left-alone").Add(7);

        Clock.Advance(IdleTimeout);

        await Eventually.TrueAsync(() =>
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            return silo.Runtime.ActivationCount == 0;
        }, "the idle grain is collected");
        await Eventually.TrueAsync(async () => (await StoredValuesAsync()).GetValueOrDefault("left-alone") == 7, "its state is written");
    }

    private async Task<Dictionary<string, int>> StoredValuesAsync()
    {
        await using var connection = await Silo.Database.OpenAsync();
        var rows = await connection.QueryAsync<(string Key, string Payload)>(
            "SELECT grain_key, payload FROM grain_state WHERE grain_type = @type", new { type = typeof(ICounterGrain).FullName });
        return rows.ToDictionary(r => r.Key, r => JsonSerializer.Deserialize<CounterState>(r.Payload, JsonSerializerOptions.Web)!.Value);
    }
}
