using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lookout.Kernel.Grains;

/// <summary>What the runtime does with every state of an activation when it deactivates.</summary>
internal interface IGrainStateHandle
{
    Task ReadStateAsync(CancellationToken cancellationToken);

    /// <summary>Writes the state when it differs from what was last read or written.</summary>
    Task WriteIfChangedAsync(CancellationToken cancellationToken);
}

internal sealed class PersistentState<TState>(IGrainStorage storage, string stateType, string grainKey, JsonSerializerOptions json)
    : IPersistentState<TState>, IGrainStateHandle where TState : class, new()
{
    // A digest of the last stored payload: enough to know at deactivation whether a write is needed,
    // without keeping a second copy of the state per activation.
    private UInt128 _storedDigest;

    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await storage.ReadAsync(stateType, grainKey, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            State = new TState();
            Etag = null;
            _storedDigest = Digest(Serialize());
            return;
        }
        State = JsonSerializer.Deserialize<TState>(record.Payload, json) ?? new TState();
        Etag = record.Etag;
        _storedDigest = Digest(record.Payload);
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var payload = Serialize();
        Etag = await storage.WriteAsync(stateType, grainKey, Etag, payload, cancellationToken).ConfigureAwait(false);
        _storedDigest = Digest(payload);
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ClearAsync(stateType, grainKey, Etag, cancellationToken).ConfigureAwait(false);
        State = new TState();
        Etag = null;
        _storedDigest = Digest(Serialize());
    }

    public async Task WriteIfChangedAsync(CancellationToken cancellationToken)
    {
        var payload = Serialize();
        if (Digest(payload) != _storedDigest)
        {
            Etag = await storage.WriteAsync(stateType, grainKey, Etag, payload, cancellationToken).ConfigureAwait(false);
            _storedDigest = Digest(payload);
        }
    }

    private string Serialize() => JsonSerializer.Serialize(State, json);

    private static UInt128 Digest(string payload)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(payload), hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }
}
