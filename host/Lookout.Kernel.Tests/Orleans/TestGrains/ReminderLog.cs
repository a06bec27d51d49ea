using System.Collections.Concurrent;

namespace Lookout.Kernel.Tests.Orleans.TestGrains;

/// <summary>The reminder ticks one silo delivered, as <c>grain key/reminder name</c>.</summary>
public sealed class ReminderLog
{
    private readonly ConcurrentQueue<string> _ticks = new();

    public void Record(string grainKey, string reminderName) => _ticks.Enqueue($"{grainKey}/{reminderName}");

    public int Count(string grainKey, string reminderName) => _ticks.Count(t => t == $"{grainKey}/{reminderName}");
}
