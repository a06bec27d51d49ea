using Orleans;

namespace Lookout.Kernel.Tests.Orleans.TestGrains;

/// <summary>A running total kept in the storage under test.</summary>
public interface ITallyGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="amount"/> to the total and writes the state; returns the new total.</summary>
    Task<int> Add(int amount);

    /// <summary>The total as this activation holds it.</summary>
    Task<int> GetTotal();

    /// <summary>Clears the stored state; the total is 0 again.</summary>
    Task Clear();

    /// <summary>Which activation answered: a new one after <see cref="Deactivate"/> or a restart.</summary>
    Task<Guid> GetActivationId();

    /// <summary>Asks for this activation to go once the call ends; the next call reads the state again.</summary>
    Task Deactivate();
}
