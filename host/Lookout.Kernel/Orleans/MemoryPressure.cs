using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Lookout.Kernel.Orleans;

/// <summary>
/// How full this process's memory is, measured as Orleans' activation shedding measures it (GC memory committed less
/// what is fragmented, over what the process may use: the machine's, a container's or <c>DOTNET_GCHeapHardLimit</c>).
/// Shedding starts at <see cref="SiloOptions.MemoryLimitPercent"/>; should a flood outrun it, the host refuses the new
/// work it may refuse (a <c>/collect</c> batch) above <see cref="SiloOptions.MemoryRefusePercent"/>, rather than run out
/// of memory and lose everything it holds. Read at most every 250 ms: a request only pays for a timestamp.
/// </summary>
public sealed class MemoryPressure
{
    private static readonly long SampleEvery = Stopwatch.Frequency / 4;
    private readonly double _refuseAbove;
    private readonly Func<(long Used, long Available)> _measure;
    private long _sampledAt;
    private volatile bool _critical;

    public MemoryPressure(IOptions<SiloOptions> options)
        : this(options, Measure)
    {
    }

    internal MemoryPressure(IOptions<SiloOptions> options, Func<(long Used, long Available)> measure)
    {
        ArgumentNullException.ThrowIfNull(options);
        _refuseAbove = options.Value.MemoryRefusePercent / 100.0;
        _measure = measure;
    }

    /// <summary>True while memory is above <see cref="SiloOptions.MemoryRefusePercent"/> (never when that is 0).</summary>
    public bool IsCritical
    {
        get
        {
            if (_refuseAbove <= 0)
            {
                return false;
            }
            var now = Stopwatch.GetTimestamp();
            var sampledAt = Interlocked.Read(ref _sampledAt);
            if (now - sampledAt >= SampleEvery && Interlocked.CompareExchange(ref _sampledAt, now, sampledAt) == sampledAt)
            {
                var (used, available) = _measure();
                _critical = available > 0 && (double)used / available > _refuseAbove;
            }
            return _critical;
        }
    }

    private static (long Used, long Available) Measure()
    {
        var memory = GC.GetGCMemoryInfo();
        return (memory.TotalCommittedBytes - memory.FragmentedBytes, memory.TotalAvailableMemoryBytes);
    }
}
