using System.Collections.Concurrent;
using Lookout.Exclusions.Exclusions;

namespace Lookout.Exclusions.Hits;

/// <summary>
/// Counts what each exclusion left out, in memory: a hit is one interlocked increment on the exclusion's
/// <see cref="HitCell"/>. <see cref="HitFlusher"/> moves the counts to the table in batches.
/// </summary>
internal sealed class HitCounter(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, HitCell> _cells = new(StringComparer.Ordinal);

    /// <summary>The exclusion's cell; compiled rules keep it so that counting needs no lookup.</summary>
    public HitCell CellOf(string workspaceId, string exclusionId) =>
        _cells.GetOrAdd(exclusionId, static (id, workspace) => new HitCell(workspace, id), workspaceId);

    public void Record(HitCell cell) => cell.Record(clock.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>Takes every count since the last call, leaving zero behind.</summary>
    public IReadOnlyList<HitTally> Take()
    {
        var tallies = new List<HitTally>();
        foreach (var cell in _cells.Values)
        {
            if (cell.Take() is { } tally)
            {
                tallies.Add(tally);
            }
        }
        return tallies;
    }

    /// <summary>Puts back counts that could not be written, to go with the next flush.</summary>
    public void Restore(IEnumerable<HitTally> tallies)
    {
        foreach (var tally in tallies)
        {
            CellOf(tally.WorkspaceId, tally.ExclusionId).Add(tally.Count, tally.LastHitAt);
        }
    }

    /// <summary>Drops the cell of a deleted exclusion.</summary>
    public void Forget(string exclusionId) => _cells.TryRemove(exclusionId, out _);
}

/// <summary>One exclusion's hits since the last flush.</summary>
internal sealed class HitCell(string workspaceId, string exclusionId)
{
    private long _count;
    private long _lastHitAt;

    public void Record(long at)
    {
        Interlocked.Increment(ref _count);
        Volatile.Write(ref _lastHitAt, at);
    }

    public void Add(long count, long lastHitAt)
    {
        Interlocked.Add(ref _count, count);
        if (Volatile.Read(ref _lastHitAt) < lastHitAt)
        {
            Volatile.Write(ref _lastHitAt, lastHitAt);
        }
    }

    public HitTally? Take()
    {
        var count = Interlocked.Exchange(ref _count, 0);
        return count == 0 ? null : new HitTally(workspaceId, exclusionId, count, Volatile.Read(ref _lastHitAt));
    }
}
