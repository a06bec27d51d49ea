using System.Text.Json;
using Lookout.Kernel.Tests.Grains.TestGrains;
using Lookout.Kernel.Tests.Support;

namespace Lookout.Kernel.Tests.Grains;

public sealed class ShutdownTests : SiloTest
{
    private static readonly string CounterType = typeof(ICounterGrain).FullName!;

    [Fact]
    public async Task Stopping_the_host_writes_every_changed_state_and_leaves_unchanged_state_alone()
    {
        var changed = Silo.Grain<ICounterGrain>("changed");
        var written = Silo.Grain<ICounterGrain>("written");
        var untouched = Silo.Grain<ICounterGrain>("untouched");
        await changed.Add(5);
        await written.AddAndWrite(3);
        var writtenEtag = await written.GetEtag();
        await untouched.GetValue();

        await Silo.StopAsync();

        var changedRecord = await Silo.Storage.ReadAsync(CounterType, "changed", CancellationToken.None);
        Assert.Equal(5, JsonSerializer.Deserialize<CounterState>(changedRecord!.Payload, JsonSerializerOptions.Web)!.Value);
        Assert.Equal(writtenEtag, (await Silo.Storage.ReadAsync(CounterType, "written", CancellationToken.None))!.Etag);
        Assert.Null(await Silo.Storage.ReadAsync(CounterType, "untouched", CancellationToken.None));
        Assert.Equal(0, Silo.Runtime.ActivationCount);
        Assert.Equal(
            ["deactivate changed Shutdown", "deactivate untouched Shutdown", "deactivate written Shutdown"],
            Silo.Probe.Events.Where(e => e.StartsWith("deactivate", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task State_written_at_shutdown_is_there_for_the_next_host()
    {
        await Silo.Grain<ICounterGrain>("visitor").Add(12);
        await Silo.StopAsync();

        await using var nextHost = await TestSilo.StartAsync(Database, Clock);

        Assert.Equal(12, await nextHost.Grain<ICounterGrain>("visitor").GetValue());
    }
}
