using System.Diagnostics;

namespace Lookout.Bench;

/// <summary>The runs: each starts its own silo, warms it up, then measures.</summary>
internal static class GrainCallBenchmark
{
    /// <summary>Calls per second on one grain, which runs them one at a time.</summary>
    public static async Task<double> OneHotGrainAsync(int callers, int callsPerCaller)
    {
        await using var silo = await BenchSilo.StartAsync();
        var hot = silo.Grains.GetGrain<IVisitCounterGrain>("hot");
        await hot.CountPageView();
        var rate = await CallsPerSecondAsync(callers, callsPerCaller, (_, _) => hot.CountPageView());
        Expect(callers * callsPerCaller + 2, await hot.CountPageView());
        return rate;
    }

    /// <summary>Calls per second spread over <paramref name="grainCount"/> grains; callers hold references, as Orleans callers do.</summary>
    public static async Task<double> ManyGrainsAsync(int grainCount, int callers, int callsPerCaller)
    {
        await using var silo = await BenchSilo.StartAsync();
        var grains = Enumerable.Range(0, grainCount).Select(i => silo.Grains.GetGrain<IVisitCounterGrain>($"visitor-{i}")).ToArray();
        await Task.WhenAll(grains.Select(g => g.CountPageView()));
        // Each caller walks the grains from its own starting point, so calls to one grain rarely queue.
        var rate = await CallsPerSecondAsync(callers, callsPerCaller, (caller, call) => grains[(caller * 7_919 + call) % grainCount].CountPageView());
        var counted = await Task.WhenAll(grains.Select(g => g.CountPageView()));
        Expect(callers * callsPerCaller + 2 * grainCount, counted.Sum());
        return rate;
    }

    /// <summary>As <see cref="ManyGrainsAsync"/>, but every call asks the factory for a new reference first.</summary>
    public static async Task<double> ManyGrainsWithoutHeldReferencesAsync(int grainCount, int callers, int callsPerCaller)
    {
        await using var silo = await BenchSilo.StartAsync();
        var keys = Enumerable.Range(0, grainCount).Select(i => $"visitor-{i}").ToArray();
        await Task.WhenAll(keys.Select(k => silo.Grains.GetGrain<IVisitCounterGrain>(k).CountPageView()));
        return await CallsPerSecondAsync(callers, callsPerCaller,
            (caller, call) => silo.Grains.GetGrain<IVisitCounterGrain>(keys[(caller * 7_919 + call) % grainCount]).CountPageView());
    }

    /// <summary>Managed bytes an idle activation of a stateless grain keeps, its key included; callers' references are dropped.</summary>
    public static async Task<double> BytesPerIdleActivationAsync(int grainCount)
    {
        await using var silo = await BenchSilo.StartAsync();
        await silo.Grains.GetGrain<IPingGrain>("warm-up").Ping();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        const int batch = 1_000;
        for (var start = 0; start < grainCount; start += batch)
        {
            await Task.WhenAll(Enumerable.Range(start, batch).Select(i => silo.Grains.GetGrain<IPingGrain>($"visitor-{i}").Ping()));
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);
        return (after - before) / (double)grainCount;
    }

    // A run whose calls did not all arrive measured nothing.
    private static void Expect(long expected, long actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"Expected {expected}, found {actual}.");
        }
    }

    private static async Task<double> CallsPerSecondAsync(int callers, int callsPerCaller, Func<int, int, Task> call)
    {
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < callsPerCaller; i++)
            {
                await call(caller, i);
            }
        })));
        return callers * (double)callsPerCaller / stopwatch.Elapsed.TotalSeconds;
    }
}
