using System.Text.Json;
using Lookout.Kernel.Grains;
using Lookout.Kernel.Tests.Grains.TestGrains;
using Lookout.Kernel.Tests.Support;

namespace Lookout.Kernel.Tests.Grains;

/// <summary>Another host (or a duplicate activation) writes a grain's state behind this activation's back.</summary>
public sealed class ConcurrencyConflictTests : SiloTest
{
    private static readonly string CounterType = typeof(ICounterGrain).FullName!;

    [Fact]
    public async Task A_call_that_meets_a_stale_etag_is_retried_on_a_fresh_activation_and_succeeds()
    {
        var counter = Silo.Grain<ICounterGrain>("shared");
        await counter.AddAndWrite(1);
        await WriteBehindTheGrainsBackAsync("shared", 100);

        var value = await counter.AddAndWrite(1);

        Assert.Equal(101, value);
        Assert.Equal(101, await StoredValueAsync("shared"));
        Assert.Equal(2, Silo.Probe.Count("activate shared"));
        Assert.Equal(1, Silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task A_second_conflict_in_a_row_reaches_the_caller_and_the_grain_then_serves_the_stored_state()
    {
        var counter = Silo.Grain<ICounterGrain>("contested");
        await counter.AddAndWrite(1);
        await WriteBehindTheGrainsBackAsync("contested", 100);
        Silo.Probe.OnActivate = async key =>
        {
            Silo.Probe.OnActivate = null;
            await WriteBehindTheGrainsBackAsync(key, 200);
        };

        await Assert.ThrowsAsync<InconsistentStateException>(() => counter.AddAndWrite(1));

        Assert.Equal(200, await StoredValueAsync("contested"));
        Assert.Equal(200, await counter.GetValue());
        Assert.Equal(201, await counter.AddAndWrite(1));
    }

    private async Task WriteBehindTheGrainsBackAsync(string key, int value)
    {
        var stored = await Silo.Storage.ReadAsync(CounterType, key, CancellationToken.None);
        var payload = JsonSerializer.Serialize(new CounterState { Value = value }, JsonSerializerOptions.Web);
        await Silo.Storage.WriteAsync(CounterType, key, stored?.Etag, payload, CancellationToken.None);
    }

    private async Task<int> StoredValueAsync(string key)
    {
        var stored = await Silo.Storage.ReadAsync(CounterType, key, CancellationToken.None);
        return JsonSerializer.Deserialize<CounterState>(stored!.Payload, JsonSerializerOptions.Web)!.Value;
    }
}
