using System.Globalization;
using System.Net;
using System.Text.Json;
using Lookout.Testing.Cluster;

namespace Lookout.CollectBench;

/// <summary>
/// Two host processes on one PostgreSQL database behind deploy/nginx.conf, as docs/deploy.md runs them: /collect sent
/// to one of the hosts directly, then through nginx to both, next to the no-op endpoint in the same run.
/// </summary>
public static class ClusterRun
{
    public static async Task RunAsync(NoopServer noop, int visitors, TimeSpan duration, Action<string, LoadResult> report)
    {
        await using var cluster = await LookoutCluster.StartAsync(2, _ => new Dictionary<string, string?>
        {
            ["Collect:RequestsPerIpPerMinute"] = "100000000",
            ["Collect:RequestsPerSitePerMinute"] = "100000000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await using var nginx = await Nginx.StartAsync(cluster.Hosts.Select(host => host.Address));
        using var admin = new CookieSession();
        await admin.SignInAsync(cluster.Hosts[0].Address);
        using var sites = await admin.SendAsync(HttpMethod.Get, cluster.Hosts[0].Address, "/api/workspaces/sites");
        if (sites.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"Listing the sites answered {(int)sites.StatusCode}.");
        }
        using var json = JsonDocument.Parse(await sites.Content.ReadAsStringAsync());
        var siteKey = json.RootElement[0].GetProperty("siteKey").GetString()!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  two host processes on PostgreSQL behind nginx ({nginx.Address}); the generator runs in this process, the hosts' CPU is not counted below"));

        var load = new LoadGenerator(siteKey, visitors, "cluster-visitor");
        // Warm both hosts (JIT, connection pools), then every visitor arrives once through nginx.
        await new LoadGenerator(siteKey, visitors / 10, "cluster-warm-up").RunAsync(nginx.Address, "/collect", TimeSpan.FromSeconds(5), concurrency: 64, eventsPerSecond: null);
        await load.RunAsync(nginx.Address, "/collect", TimeSpan.Zero, concurrency: 64, eventsPerSecond: null, arrivals: true);

        var baseline = await load.RunAsync(noop.Address, "/noop", duration, concurrency: 64, eventsPerSecond: null);
        report("no-op endpoint, 64 connections", baseline);
        var one = await load.RunAsync(cluster.Hosts[0].Address, "/collect", duration, concurrency: 64, eventsPerSecond: null);
        report("/collect, host 0 directly", one);
        var both = await load.RunAsync(nginx.Address, "/collect", duration, concurrency: 64, eventsPerSecond: null);
        report("/collect, nginx to both hosts", both);
        var paced = await load.RunAsync(nginx.Address, "/collect", duration, concurrency: 64, eventsPerSecond: 5_000);
        report("/collect via nginx, 5,000 events/s", paced);
        var spread = nginx.AccessLog().Where(r => r.Target.StartsWith("/collect", StringComparison.Ordinal))
            .SelectMany(r => r.Upstreams).GroupBy(u => u).Select(g => $"{g.Key}: {g.Count():N0}");
        Console.WriteLine($"  nginx spread /collect over {string.Join(", ", spread)}");
    }
}
