using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Lookout.CollectBench;

/// <summary>
/// With <c>--allocations</c>: the runtime's allocation samples (one about every 100 KB allocated) counted by type, to
/// see what a run allocates without a profiler. The listener stays on only while <see cref="Enabled"/> is set.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new();

    public bool Enabled { get; set; }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (!Enabled || eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
        {
            return;
        }
        var typeName = eventData.Payload![eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        _bytesByType.AddOrUpdate(typeName, amount, (_, total) => total + amount);
    }

    /// <summary>The types that took the most of the sampled bytes, with their share.</summary>
    public void Print(int top)
    {
        var total = Math.Max(1, _bytesByType.Values.Sum());
        foreach (var (type, bytes) in _bytesByType.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {bytes * 100.0 / total,5:N1} %  {type}"));
        }
    }
}
