using Lookout.Kernel.Orleans;
using Lookout.Testing;
using Microsoft.Extensions.Options;

namespace Lookout.Kernel.Tests.Orleans;

public sealed class MemoryPressureTests
{
    [Fact]
    public async Task Memory_above_the_refuse_line_is_critical_and_below_it_is_not()
    {
        var used = 95L;
        var pressure = new MemoryPressure(Options.Create(new SiloOptions { MemoryRefusePercent = 90 }), () => (used, 100));
        Assert.True(pressure.IsCritical);

        used = 85;
        await Eventually.TrueAsync(() => !pressure.IsCritical, "memory fell below the line: no longer critical");
    }

    [Fact]
    public void Requests_in_quick_succession_measure_memory_once()
    {
        var measured = 0;
        var pressure = new MemoryPressure(Options.Create(new SiloOptions { MemoryRefusePercent = 90 }), () =>
        {
            measured++;
            return (10, 100);
        });

        for (var i = 0; i < 1_000; i++)
        {
            Assert.False(pressure.IsCritical);
        }

        // A thousand requests in well under the sampling interval of a quarter second; a slow machine may see two.
        Assert.InRange(measured, 1, 2);
    }

    [Fact]
    public void A_refuse_line_of_zero_never_refuses()
    {
        var pressure = new MemoryPressure(Options.Create(new SiloOptions { MemoryRefusePercent = 0 }), () => (100, 100));
        Assert.False(pressure.IsCritical);
    }
}
