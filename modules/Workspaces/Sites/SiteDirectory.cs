using System.Collections.Concurrent;
using Lookout.Kernel.Events;
using Lookout.Workspaces.Contracts;

namespace Lookout.Workspaces.Sites;

/// <summary>
/// Sites for ingestion, from memory: every /collect request asks, sites rarely change. An entry lives until the site
/// changes on any host of the cluster (<see cref="SiteChanged"/> is a cluster event) or for <see cref="Lifetime"/> (a
/// host cut off from the cluster for a moment misses the event). A load that a change overtook is not remembered: it
/// may have read the site as it was before.
/// Unknown keys are remembered too, so a flood of made-up keys does not reach the database.
/// </summary>
internal sealed class SiteDirectory(SiteStore store, TimeProvider clock) : ISiteDirectory, IEventSubscriber<SiteChanged>, IEventSubscriber<ClusterEventsMissed>
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    private long _changes;

    // /collect asks for every request: a cached site is answered without allocating the loader.
    public ValueTask<SiteInfo?> FindByKeyAsync(string siteKey, CancellationToken cancellationToken) =>
        TryCached(_byKey, siteKey, out var site) ? ValueTask.FromResult(site)
            : FindAsync(_byKey, siteKey, () => store.FindAnyAsync(siteKey, null, cancellationToken));

    public ValueTask<SiteInfo?> FindByIdAsync(string siteId, CancellationToken cancellationToken) =>
        TryCached(_byId, siteId, out var site) ? ValueTask.FromResult(site)
            : FindAsync(_byId, siteId, () => store.FindAnyAsync(null, siteId, cancellationToken));

    public async ValueTask<SiteInfo?> FirstAsync(CancellationToken cancellationToken) =>
        await store.FirstAsync(cancellationToken) is { } site ? Info(site) : null;

    public Task HandleAsync(SiteChanged message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref _changes);
        _byKey.TryRemove(message.SiteKey, out _);
        _byId.TryRemove(message.SiteId, out _);
        return Task.CompletedTask;
    }

    public Task HandleAsync(ClusterEventsMissed message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _changes);
        _byKey.Clear();
        _byId.Clear();
        return Task.CompletedTask;
    }

    private bool TryCached(ConcurrentDictionary<string, Entry> cache, string key, out SiteInfo? site)
    {
        if (cache.TryGetValue(key, out var entry) && entry.Expires > clock.GetUtcNow())
        {
            site = entry.Site;
            return true;
        }
        site = null;
        return false;
    }

    /// <summary>After a miss of <see cref="TryCached"/>: loads the site and remembers it (or its absence).</summary>
    private async ValueTask<SiteInfo?> FindAsync(ConcurrentDictionary<string, Entry> cache, string key, Func<Task<Site?>> load)
    {
        var now = clock.GetUtcNow();
        var changes = Interlocked.Read(ref _changes);
        var site = await load();
        var info = site is null ? null : Info(site);
        if (Interlocked.Read(ref _changes) != changes)
        {
            return info;
        }
        if (cache.Count >= MaxEntries)
        {
            cache.Clear();
        }
        cache[key] = new Entry(info, now + Lifetime);
        return info;
    }

    private static SiteInfo Info(Site site) =>
        new(site.Id, site.WorkspaceId, site.Name, site.SiteKey, site.AllowedOrigins, site.TimeZone, site.AnonymizeIp, site.DefaultOwnerUserId);

    private sealed record Entry(SiteInfo? Site, DateTimeOffset Expires);
}
