using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Lookout.Host.Testing;
using Lookout.Visitors.Collect;
using Lookout.Visitors.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.CollectBench;

public sealed record LoadResult(double RequestsPerSecond, double EventsPerSecond, double P50Ms, double P99Ms, double CpuPercent, long Failures, double AllocatedBytesPerRequest, double ContextSwitchesPerRequest, double GcPausedPercent, (int Gen0, int Gen1, int Gen2) Collections)
{
    /// <summary>
    /// CPU time of this process (host and generator) per request: unlike the rates, it holds when other work
    /// shares the machine.
    /// </summary>
    public double CpuMicrosecondsPerRequest => CpuPercent / 100 * Environment.ProcessorCount / RequestsPerSecond * 1_000_000;
}

/// <summary>
/// Sends what lookout.js sends: per visitor a page view, then heartbeats, sometimes the next page, over keep-alive
/// connections from this process (the generator shares the machine with the host, as the targets assume).
/// </summary>
public sealed class LoadGenerator(string siteKey, int visitors, string prefix = "bench-visitor")
{
    private const string UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>A batch as lookout.js sends it from a browser on the site: text/plain (no preflight), its Origin, a browser's user agent.</summary>
    public static HttpRequestMessage TrackerRequest(string path, string body, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", origin);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        return request;
    }
    private readonly string[] _visitorIds = Enumerable.Range(0, visitors).Select(i => $"{prefix}-{i:D8}").ToArray();

    /// <summary>
    /// Sends batches for <paramref name="duration"/>, each for a visitor picked at random; with <paramref name="arrivals"/>
    /// instead the first batch of every visitor once, in order (each one activates a grain and starts a visit).
    /// </summary>
    /// <remarks>
    /// <paramref name="drain"/> runs before the clock stops: the work the server queued behind its answers (202 comes
    /// before processing) is paid for in the run that caused it.
    /// </remarks>
    public async Task<LoadResult> RunAsync(Uri server, string path, TimeSpan duration, int concurrency, int? eventsPerSecond, bool arrivals = false, Func<Task>? drain = null)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = server };
        var origin = server.GetLeftPart(UriPartial.Authority);
        var latencies = new List<double>[concurrency];
        long requests = 0, events = 0, failures = 0, arrived = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var switchesBefore = ContextSwitches();
        var pausedBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();
        // Paced runs spread the target rate over the workers: each sends a batch of 2 events every interval.
        var interval = eventsPerSecond is { } rate ? TimeSpan.FromSeconds(2.0 * concurrency / rate) : TimeSpan.Zero;

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(100_000);
            var random = new Random(worker);
            var next = clock.Elapsed;
            var sequence = 0;
            while (arrivals || clock.Elapsed < duration)
            {
                if (interval > TimeSpan.Zero)
                {
                    next += interval;
                    var wait = next - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }
                }
                var index = arrivals ? (int)Interlocked.Increment(ref arrived) - 1 : random.Next(_visitorIds.Length);
                if (index >= _visitorIds.Length)
                {
                    break;
                }
                var visitor = _visitorIds[index];
                var body = Batch(visitor, worker, sequence++);
                using var request = TrackerRequest(path, body, origin);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    if (response.StatusCode != HttpStatusCode.Accepted)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref requests);
                Interlocked.Add(ref events, 2);
            }
        }));

        if (drain is not null)
        {
            await drain();
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / elapsed / Environment.ProcessorCount * 100;
        // Server GC's dynamic heap count (DATAS) can make the total go down when it retires a heap
        // (dotnet/runtime#131069, not fixed in .NET 10.0.12): such a run's figure is not known, shown as NaN.
        var allocatedAfter = GC.GetTotalAllocatedBytes();
        var allocated = allocatedAfter < allocatedBefore ? double.NaN : (allocatedAfter - allocatedBefore) / (double)requests;
        var switches = (ContextSwitches() - switchesBefore) / (double)requests;
        var paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds / elapsed * 100;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(requests / elapsed, events / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), cpu, failures, allocated, switches, paused,
            (GC.CollectionCount(0) - collectionsBefore.Item1, GC.CollectionCount(1) - collectionsBefore.Item2, GC.CollectionCount(2) - collectionsBefore.Item3));
    }

    /// <summary>Waits until the grains have run every call queued and the page-view log has written what they gave it.</summary>
    public static async Task DrainAsync(LookoutApp app)
    {
        var collect = app.Services.GetRequiredService<CollectEndpoint>();
        while (collect.TracksInFlight > 0)
        {
            await Task.Delay(5);
        }
        await app.Services.GetRequiredService<TrackingLog>().FlushAsync();
    }

    /// <summary>Memory the host keeps per visitor on the site now: activations with 20 page views each, after a full GC.</summary>
    public async Task<double> BytesPerActiveVisitorAsync(LookoutApp app, int visitors, int pageViews)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var origin = app.BaseAddress.GetLeftPart(UriPartial.Authority);
        await app.Services.GetRequiredService<TrackingLog>().FlushAsync();
        var before = Retained();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Parallel.ForEachAsync(Enumerable.Range(0, visitors), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (v, cancellation) =>
        {
            var events = string.Join(",", Enumerable.Range(0, pageViews).Select(p =>
                $$"""{"type":"pageview","pageId":"mem-{{v:D6}}-{{p:D2}}-page","url":"https://shop.example.com/catalogue/item-{{p}}?ref=home","title":"Item {{p}} · Shop","ts":{{now - (pageViews - p) * 20_000}}}"""));
            using var request = TrackerRequest("/collect", $$"""{"site":"{{siteKey}}","visitor":"memory-visitor-{{v:D8}}","sentAt":{{now}},"events":[{{events}}]}""", origin);
            using var response = await http.SendAsync(request, cancellation);
        });
        await Task.Delay(1_000); // the grains finish their turns
        await app.Services.GetRequiredService<TrackingLog>().FlushAsync();
        return (Retained() - before) / (double)visitors;
    }

    private static long Retained()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private string Batch(string visitor, int worker, int sequence)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var page = $"p{worker:D3}{sequence:D10}";
        return $$"""{"site":"{{siteKey}}","visitor":"{{visitor}}","sentAt":{{now}},"events":[{"type":"pageview","pageId":"{{page}}","url":"https://shop.example.com/catalogue/item-{{sequence % 500}}?utm_source=news","title":"Item {{sequence % 500}} · Shop","referrer":"https://www.google.com/search?q=brass+lamp","ts":{{now - 15_000}}},{"type":"heartbeat","pageId":"{{page}}","ts":{{now}}}]}""";
    }

    /// <summary>Voluntary and involuntary context switches of this process's threads so far (Linux; 0 elsewhere).</summary>
    private static long ContextSwitches()
    {
        long total = 0;
        if (!Directory.Exists("/proc/self/task"))
        {
            return total;
        }
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.Contains("ctxt_switches:", StringComparison.Ordinal)) // voluntary_ and nonvoluntary_
                    {
                        total += long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // the thread ended while being read
            }
        }
        return total;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
