using System.Globalization;
using System.Runtime;
using Lookout.Bench;

// Orleans' own cost in Lookout's setting (bench/README.md): calls per second and bytes per idle activation.
// --quick runs a tenth of the calls, for a smoke test.
var scale = args.Contains("--quick") ? 10 : 1;
const int rounds = 3;

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Orleans grain calls: {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {GCSettings.IsServerGC}; best of {rounds}"));

Report("one hot grain, 64 callers", await BestAsync(() => GrainCallBenchmark.OneHotGrainAsync(callers: 64, callsPerCaller: 20_000 / scale)), "calls/s");
Report("10,000 grains, 1,000 callers", await BestAsync(() => GrainCallBenchmark.ManyGrainsAsync(grainCount: 10_000, callers: 1_000, callsPerCaller: 5_000 / scale)), "calls/s");
Report("10,000 grains, 1,000 callers, GetGrain per call", await BestAsync(() => GrainCallBenchmark.ManyGrainsWithoutHeldReferencesAsync(grainCount: 10_000, callers: 1_000, callsPerCaller: 2_000 / scale)), "calls/s");
Report("idle activation (stateless, key included)", await GrainCallBenchmark.BytesPerIdleActivationAsync(grainCount: 100_000), "bytes");

static async Task<double> BestAsync(Func<Task<double>> run)
{
    var best = 0d;
    for (var i = 0; i < rounds; i++)
    {
        best = Math.Max(best, await run());
    }
    return best;
}

static void Report(string what, double value, string unit) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-50} {value,12:N0} {unit}"));
