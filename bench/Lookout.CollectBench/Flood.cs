using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Lookout.Host.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace Lookout.CollectBench;

/// <summary>
/// A flood of visitors never seen before, flat out: each request activates a visitor grain that nobody asks for again.
/// Prints every few seconds what the host serves and holds, so a run shows whether memory levels off while it serves.
/// </summary>
public static class Flood
{
    public static async Task RunAsync(LookoutApp app, string siteKey, TimeSpan duration, int concurrency = 64)
    {
        var management = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = app.BaseAddress };
        var origin = app.BaseAddress.GetLeftPart(UriPartial.Authority);
        long sent = 0, refused = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        var limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  flood of new visitors for {duration.TotalSeconds:N0} s, {concurrency} connections; memory the process may use: {limit / 1048576:N0} MiB"));
        Console.WriteLine("      s   visitors   req/s  refused  failed  activations  GC heap MiB  committed MiB  in use %  RSS anon MiB  RSS file MiB");

        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref sent);
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                using var request = LoadGenerator.TrackerRequest(
                    "/collect",
                    $$"""{"site":"{{siteKey}}","visitor":"flood-{{n:D12}}","sentAt":{{now}},"events":[{"type":"pageview","pageId":"f{{n:D12}}","url":"https://shop.example.com/?n={{n}}","title":"Shop","ts":{{now}}}]}""",
                    origin);
                try
                {
                    using var response = await http.SendAsync(request);
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref refused);
                    }
                    else if (response.StatusCode != HttpStatusCode.Accepted)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }).ToList();

        long before = 0;
        var last = TimeSpan.Zero;
        var peakCommitted = 0L;
        while (workers.Any(w => !w.IsCompleted))
        {
            await Task.WhenAny(Task.WhenAll(workers), Task.Delay(TimeSpan.FromSeconds(5)));
            var now = clock.Elapsed;
            var count = Interlocked.Read(ref sent);
            var memory = GC.GetGCMemoryInfo();
            peakCommitted = Math.Max(peakCommitted, memory.TotalCommittedBytes);
            var activations = await management.GetTotalActivationCount();
            var (anon, file) = ResidentMemory();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {now.TotalSeconds,5:N0} {count,10:N0} {(count - before) / (now - last).TotalSeconds,7:N0} {Interlocked.Read(ref refused),8:N0} {Interlocked.Read(ref failed),7:N0} {activations,12:N0} {memory.HeapSizeBytes / 1048576.0,12:N0} {memory.TotalCommittedBytes / 1048576.0,14:N0} {100.0 * (memory.TotalCommittedBytes - memory.FragmentedBytes) / memory.TotalAvailableMemoryBytes,9:N0} {anon / 1048576.0,13:N0} {file / 1048576.0,13:N0}"));
            before = count;
            last = now;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {sent:N0} new visitors in {clock.Elapsed.TotalSeconds:N0} s, {refused:N0} refused while short of memory (503), {failed:N0} failed otherwise; peak committed {peakCommitted / 1048576.0:N0} MiB"));
    }

    /// <summary>
    /// The process's resident memory in two parts (Linux): anonymous (heaps, the GC's and native ones) and file-backed
    /// (mostly the SQLite database mapped into memory, which the kernel drops when it needs the room).
    /// </summary>
    private static (long Anonymous, long File) ResidentMemory()
    {
        long anonymous = 0, file = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anonymous = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
            {
                file = Kilobytes(line) * 1024;
            }
        }
        return (anonymous, file);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
}
