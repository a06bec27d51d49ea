using System.Diagnostics.Metrics;

namespace Lookout.Kernel.Grains;

/// <summary>The runtime's instruments, on the meter <c>Lookout.Grains</c>.</summary>
public sealed class GrainMetrics : IDisposable
{
    public const string MeterName = "Lookout.Grains";
    private readonly Meter _meter;

    public GrainMetrics(IMeterFactory meterFactory, GrainRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(runtime);
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableGauge("lookout.grains.active", () => runtime.ActivationCount, description: "Grain activations in memory.");
        _meter.CreateObservableGauge("lookout.grains.mailbox_depth", () => runtime.QueuedCallCount, description: "Calls waiting in activation mailboxes.");
        TurnTime = _meter.CreateHistogram<double>("lookout.grains.turn_time", unit: "ms", description: "Time one grain call ran.");
    }

    internal Histogram<double> TurnTime { get; }

    public void Dispose() => _meter.Dispose();
}
