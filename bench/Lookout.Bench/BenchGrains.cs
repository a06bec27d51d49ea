using Orleans;

namespace Lookout.Bench;

/// <summary>A grain with state, called in the throughput runs.</summary>
public interface IVisitCounterGrain : IGrainWithStringKey
{
    /// <summary>Counts one page view; returns the count.</summary>
    Task<int> CountPageView();
}

[GenerateSerializer]
public sealed record VisitCounterState
{
    [Id(0)]
    public int PageViews { get; init; }
}

public sealed class VisitCounterGrain([PersistentState("counter")] IPersistentState<VisitCounterState> state) : Grain, IVisitCounterGrain
{
    public Task<int> CountPageView()
    {
        state.State = state.State with { PageViews = state.State.PageViews + 1 };
        return Task.FromResult(state.State.PageViews);
    }
}

/// <summary>A grain with no state: what an idle activation costs the runtime itself.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Does nothing.</summary>
    Task Ping();
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task Ping() => Task.CompletedTask;
}
