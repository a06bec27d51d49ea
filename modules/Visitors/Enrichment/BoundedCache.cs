using System.Collections.Concurrent;

namespace Lookout.Visitors.Enrichment;

/// <summary>
/// A lock-free memo for values that repeat (user agents, geo-IP names) which forgets everything once it holds
/// <c>capacity</c> entries: memory stays bounded whatever the traffic, and the hot entries come back after one miss.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();
    private int _count;

    public TValue GetOrAdd<TState>(TKey key, Func<TKey, TState, TValue> create, TState state)
    {
        if (_entries.TryGetValue(key, out var value))
        {
            return value;
        }
        value = create(key, state);
        // ConcurrentDictionary.Count takes every lock; an approximate count is enough for a bound.
        if (Interlocked.Increment(ref _count) > capacity)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _count, 1);
        }
        _entries.TryAdd(key, value);
        return value;
    }
}
