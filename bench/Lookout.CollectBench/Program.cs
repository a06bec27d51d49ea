using System.Globalization;
using System.Net;
using Lookout.CollectBench;
using Lookout.Host.Testing;

// The hot path end to end: /collect → visitor grain → enrichment → page view log, on the real host with SQLite,
// next to a no-op endpoint on the same machine in the same run (bench/README.md). --quick: a smaller run;
// --allocations: also what the flat-out /collect run allocated, by type; --flood [seconds]: only a flood of new
// visitors, printing what the host holds as it goes; --cluster: two host processes on PostgreSQL
// (LOOKOUT_TEST_POSTGRES) behind nginx.
var quick = args.Contains("--quick");
var flood = Array.IndexOf(args, "--flood") is var at and >= 0
    ? TimeSpan.FromSeconds(at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var s) ? s : 90)
    : (TimeSpan?)null;
var visitors = quick ? 10_000 : 100_000;
var seconds = quick ? 5 : 15;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Lookout /collect: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {visitors:N0} distinct visitors, {seconds} s per run"));

// WebApplicationFactory finds the host's folder from a manifest test projects get; a console program says it.
var repository = new DirectoryInfo(AppContext.BaseDirectory);
while (!File.Exists(Path.Combine(repository.FullName, "Modular.sln")))
{
    repository = repository.Parent ?? throw new DirectoryNotFoundException("Run from inside the repository.");
}
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LOOKOUT_HOST", Path.Combine(repository.FullName, "host", "Lookout.Host"));

await using var noop = await NoopServer.StartAsync();
if (args.Contains("--cluster"))
{
    await ClusterRun.RunAsync(noop, visitors, TimeSpan.FromSeconds(seconds), Report);
    return;
}
await using var app = await LookoutApp.StartAsync(settings: new Dictionary<string, string?>
{
    ["Collect:RequestsPerIpPerMinute"] = "100000000",
    ["Collect:RequestsPerSitePerMinute"] = "100000000",
    ["Logging:LogLevel:Default"] = "Warning",
});
using var admin = await app.SignInAsAdminAsync();
var siteKey = (await ApiClient.ReadAsync(await admin.GetAsync("/api/workspaces/sites"), HttpStatusCode.OK))[0]!["siteKey"]!.GetValue<string>();
if (flood is { } floodFor)
{
    await Flood.RunAsync(app, siteKey, floodFor);
    return;
}
var load = new LoadGenerator(siteKey, visitors);

// Both endpoints run once unmeasured first (/collect with visitors of its own), so the figures are of JIT-compiled,
// steady code on both sides. Then every visitor sends its first batch, measured on its own: each one activates a
// grain and starts a visit. The runs after it measure a site with all of its visitors on it, coming back every few
// seconds.
var warmUp = TimeSpan.FromSeconds(quick ? 3 : 5);
await load.RunAsync(noop.Address, "/noop", warmUp, concurrency: 64, eventsPerSecond: null);
await new LoadGenerator(siteKey, visitors / 10, "warm-up-visitor").RunAsync(app.BaseAddress, "/collect", warmUp, concurrency: 64, eventsPerSecond: null);
var arrivals = await load.RunAsync(app.BaseAddress, "/collect", TimeSpan.Zero, concurrency: 64, eventsPerSecond: null, arrivals: true, drain: () => LoadGenerator.DrainAsync(app));
Report("/collect, each visitor's 1st batch", arrivals);

var baseline = await load.RunAsync(noop.Address, "/noop", TimeSpan.FromSeconds(seconds), concurrency: 64, eventsPerSecond: null);
Report("no-op endpoint, 64 connections", baseline);
using var sampler = args.Contains("--allocations") ? new AllocationSampler() : null;
sampler?.Enabled = true;
var full = await load.RunAsync(app.BaseAddress, "/collect", TimeSpan.FromSeconds(seconds), concurrency: 64, eventsPerSecond: null, drain: () => LoadGenerator.DrainAsync(app));
sampler?.Enabled = false;
Report("/collect, 64 connections", full);
if (sampler is not null)
{
    Console.WriteLine("  what the /collect run allocated (sampled, host and generator):");
    sampler.Print(top: 30);
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  /collect request rate is {full.RequestsPerSecond / baseline.RequestsPerSecond:P0} of the no-op endpoint's (target ≥ 65 %)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  /collect costs {full.CpuMicrosecondsPerRequest / baseline.CpuMicrosecondsPerRequest:N2}× the no-op's CPU per request (the rate target means at most about 1.5×)"));
var paced = await load.RunAsync(app.BaseAddress, "/collect", TimeSpan.FromSeconds(seconds), concurrency: 64, eventsPerSecond: 5_000, drain: () => LoadGenerator.DrainAsync(app));
Report("/collect at 5,000 events/s", paced);
// The same pacing against the no-op endpoint: what the generator, the network stack and the machine's idle cores add
// to a request's latency at this load, whatever answers it.
var pacedNoop = await load.RunAsync(noop.Address, "/noop", TimeSpan.FromSeconds(seconds), concurrency: 64, eventsPerSecond: 5_000);
Report("no-op endpoint at 5,000 events/s", pacedNoop);

var perVisitor = await load.BytesPerActiveVisitorAsync(app, visitors: quick ? 2_000 : 10_000, pageViews: 20);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  retained per active visitor with 20 page views: {perVisitor:N0} bytes (target ≤ 4,096)"));

static void Report(string what, LoadResult result) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {what,-34} {result.RequestsPerSecond,9:N0} req/s {result.EventsPerSecond,9:N0} events/s  p50 {result.P50Ms,6:N2} ms  p99 {result.P99Ms,6:N2} ms  CPU {result.CpuPercent,4:N0} %  {result.CpuMicrosecondsPerRequest,5:N0} µs CPU/req  {result.AllocatedBytesPerRequest / 1024,5:N1} KB alloc/req {result.ContextSwitchesPerRequest,5:N2} switches/req  GC paused {result.GcPausedPercent,4:N1} % (gen0/1/2 {result.Collections.Gen0}/{result.Collections.Gen1}/{result.Collections.Gen2})  ({result.Failures} failed)"));
