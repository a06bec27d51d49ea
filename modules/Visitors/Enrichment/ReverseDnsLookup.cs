using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Lookout.Visitors.Enrichment;

/// <summary>
/// Host names of visitors' addresses (<c>203-0-113-7.dsl.example.net</c>), kept off the hot path: a caller gets what is
/// already known at once, and an address not yet known is looked up in the background (bounded in time, in
/// concurrency and in memory) so that a later event of the visitor has it.
/// </summary>
public sealed class ReverseDnsLookup : IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private static readonly SearchValues<char> HostNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_");

    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();
    private readonly ReverseDnsOptions _options;
    private readonly TimeProvider _clock;
    private readonly Func<IPAddress, CancellationToken, Task<string?>> _resolve;
    private readonly CancellationTokenSource _disposing = new();
    private int _count;
    private int _running;
    private long _nextSweep;

    public ReverseDnsLookup(IOptions<ReverseDnsOptions> options, TimeProvider clock)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value, clock, ResolveWithDnsAsync)
    {
    }

    /// <param name="resolve">Finds the name of an address: null when it has none, an exception when the lookup failed.</param>
    internal ReverseDnsLookup(ReverseDnsOptions options, TimeProvider clock, Func<IPAddress, CancellationToken, Task<string?>> resolve)
    {
        _options = options;
        _clock = clock;
        _resolve = resolve;
    }

    /// <summary>
    /// The host name of <paramref name="address"/> if it is already known (an old one while it is being refreshed),
    /// else null, in which case a background lookup is started unless one is running, the cache is full, or lookups
    /// are disabled. Never blocks.
    /// </summary>
    public string? TryGetCached(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!_options.Enabled || _disposing.IsCancellationRequested)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var now = Now;
        if (_entries.TryGetValue(address, out var entry))
        {
            // Read before a refresh starts: the caller gets the name known now, never one that raced in.
            var known = entry.HostName;
            if (entry.IsDue(now) && entry.TryBeginLookup())
            {
                Start(address, entry, now);
            }
            return known;
        }
        if (Volatile.Read(ref _count) >= _options.CacheCapacity && !Sweep(now))
        {
            return null;
        }
        entry = new Entry();
        if (_entries.TryAdd(address, entry))
        {
            Interlocked.Increment(ref _count);
            Start(address, entry, now);
        }
        return null;
    }

    /// <summary>Stops waiting for running lookups; later calls return null.</summary>
    public void Dispose()
    {
        _disposing.Cancel();
        _disposing.Dispose();
    }

    /// <summary>Whether a lookup of <paramref name="address"/> is under way (for tests, which wait for it to end).</summary>
    internal bool IsLookingUp(IPAddress address) => _entries.TryGetValue(address, out var entry) && entry.IsRunning;

    private long Now => _clock.GetUtcNow().UtcTicks;

    private void Start(IPAddress address, Entry entry, long now)
    {
        if (Interlocked.Increment(ref _running) > _options.MaxConcurrentLookups)
        {
            // Too many at once: give up this one; the visitor's next event asks again.
            Interlocked.Decrement(ref _running);
            entry.EndLookup(entry.HostName, now);
            return;
        }
        var cancellation = _disposing.Token;
        _ = Task.Run(() => LookUpAsync(address, entry, cancellation), CancellationToken.None);
    }

    private async Task LookUpAsync(IPAddress address, Entry entry, CancellationToken cancellation)
    {
        try
        {
            var name = await _resolve(address, cancellation).WaitAsync(_options.Timeout, _clock, cancellation);
            entry.EndLookup(Clean(name), Now + _options.CacheDuration.Ticks);
        }
        catch (Exception)
        {
            // A failed lookup of any kind only means no name this time; the entry must not stay "running".
            entry.EndLookup(entry.HostName, Now + _options.FailureRetryAfter.Ticks);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>Drops expired entries, at most once a <see cref="SweepInterval"/>; true when there is room after it.</summary>
    private bool Sweep(long now)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + SweepInterval.Ticks, next) != next)
        {
            return false;
        }
        foreach (var (address, entry) in _entries)
        {
            if (entry.IsExpired(now) && _entries.TryRemove(new KeyValuePair<IPAddress, Entry>(address, entry)))
            {
                Interlocked.Decrement(ref _count);
            }
        }
        return Volatile.Read(ref _count) < _options.CacheCapacity;
    }

    /// <summary>A PTR record says whatever its owner wants: keep only what looks like a host name.</summary>
    private static string? Clean(string? name)
    {
        var span = name.AsSpan().TrimEnd('.');
        if (span.IsEmpty || span.Length > 253 || span.ContainsAnyExcept(HostNameChars) || IPAddress.TryParse(span, out _))
        {
            return null;
        }
        return span.ToString().ToLowerInvariant();
    }

    private static async Task<string?> ResolveWithDnsAsync(IPAddress address, CancellationToken cancellation)
    {
        try
        {
            // Given an address, GetHostEntry asks for its PTR record.
            var entry = await Dns.GetHostEntryAsync(address.ToString(), cancellation);
            return entry.HostName;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData)
        {
            return null;
        }
    }

    private sealed class Entry
    {
        private string? _hostName;
        private long _due = long.MaxValue;
        private int _running = 1;

        public string? HostName => Volatile.Read(ref _hostName);

        public bool IsDue(long now) => now >= Interlocked.Read(ref _due);

        public bool IsRunning => Volatile.Read(ref _running) == 1;

        public bool IsExpired(long now) => !IsRunning && IsDue(now);

        public bool TryBeginLookup() => Interlocked.CompareExchange(ref _running, 1, 0) == 0;

        public void EndLookup(string? hostName, long due)
        {
            Volatile.Write(ref _hostName, hostName);
            Interlocked.Exchange(ref _due, due);
            Volatile.Write(ref _running, 0);
        }
    }
}
