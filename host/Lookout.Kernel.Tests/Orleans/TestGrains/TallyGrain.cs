using Orleans;
using Orleans.Runtime;

namespace Lookout.Kernel.Tests.Orleans.TestGrains;

[GenerateSerializer]
public sealed record TallyState(int Total);

public sealed class TallyGrain(
    [PersistentState("tally", GrainPersistenceConformance.StorageName)] IPersistentState<TallyState> tally) : Grain, ITallyGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task<int> Add(int amount)
    {
        tally.State = new TallyState(tally.State.Total + amount);
        await tally.WriteStateAsync();
        return tally.State.Total;
    }

    public Task<int> GetTotal() => Task.FromResult(tally.State.Total);

    public Task Clear() => tally.ClearStateAsync();

    public Task<Guid> GetActivationId() => Task.FromResult(_activationId);

    public Task Deactivate()
    {
        this.DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
