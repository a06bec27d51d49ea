using System.Collections.Concurrent;

namespace Lookout.Kernel.Tests.Grains.TestGrains;

/// <summary>What the test grains tell a test (lifecycle, overlapping turns) and what a test plants in them.</summary>
public sealed class GrainProbe
{
    private readonly ConcurrentQueue<string> _events = new();
    private int _overlaps;

    /// <summary>What the grains did, in order: <c>activate k</c>, <c>deactivate k Idle</c>, <c>tick k</c>, ...</summary>
    public IReadOnlyList<string> Events => [.. _events];

    /// <summary>Turns that started while another turn of the same activation was running.</summary>
    public int Overlaps => Volatile.Read(ref _overlaps);

    /// <summary>Runs inside every test grain's <c>OnActivateAsync</c> with the grain's key.</summary>
    public Func<string, Task>? OnActivate { get; set; }

    /// <summary>Calls to <see cref="ITickingGrain.WaitAtGate"/> wait for this.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Record(string happened) => _events.Enqueue(happened);

    public int Count(string happened) => _events.Count(e => e == happened);

    internal void ReportOverlap() => Interlocked.Increment(ref _overlaps);
}

/// <summary>Counts the turns running in one activation; more than one at a time is reported to the probe.</summary>
public sealed class TurnGuard(GrainProbe probe)
{
    private int _running;

    public Turn Enter()
    {
        if (Interlocked.Increment(ref _running) > 1)
        {
            probe.ReportOverlap();
        }
        return new Turn(this);
    }

    public readonly struct Turn(TurnGuard guard) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref guard._running);
    }
}
