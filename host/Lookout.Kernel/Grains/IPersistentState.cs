namespace Lookout.Kernel.Grains;

/// <summary>A grain's durable state, read before activation and written on demand, on idle deactivation and at shutdown.</summary>
public interface IPersistentState<TState> where TState : class, new()
{
    /// <summary>The state object; mutate it, then write it.</summary>
    TState State { get; set; }

    /// <summary>The version of the stored record this activation last saw; null when none is stored.</summary>
    string? Etag { get; }

    /// <summary>True when a record is stored.</summary>
    bool RecordExists { get; }

    /// <summary>Reads the stored state, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/>; throws <see cref="InconsistentStateException"/> when the stored ETag moved on.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored record and resets <see cref="State"/>.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>The stored ETag is not the one this activation read: another activation wrote first.</summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException() { }
    public InconsistentStateException(string message) : base(message) { }
    public InconsistentStateException(string message, Exception inner) : base(message, inner) { }
}
