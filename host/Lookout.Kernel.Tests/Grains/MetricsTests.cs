using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Lookout.Kernel.Grains;
using Lookout.Kernel.Tests.Grains.TestGrains;
using Lookout.Kernel.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Tests.Grains;

public sealed class MetricsTests : SiloTest
{
    [Fact]
    public async Task A_meter_listener_sees_active_grains_and_turn_times()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value)>();
        using var listener = new MeterListener();
        var meters = Silo.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GrainMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => measurements.Enqueue((instrument.Name, value)));
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measurements.Enqueue((instrument.Name, value)));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => measurements.Enqueue((instrument.Name, value)));
        listener.Start();

        string[] keys = ["a", "b", "c"];
        await Task.WhenAll(keys.Select(key => Silo.Grain<ICounterGrain>(key).Add(1)));
        listener.RecordObservableInstruments();

        Assert.Contains(("lookout.grains.active", 3d), measurements);
        // A turn is timed once it returned, which may be just after its caller resumed.
        await Eventually.TrueAsync(() => measurements.Count(m => m.Instrument == "lookout.grains.turn_time") == 3, "each call's turn is timed");
        Assert.All(measurements.Where(m => m.Instrument == "lookout.grains.turn_time"), t => Assert.True(t.Value >= 0));
    }
}
