using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lookout.Kernel.Grains;

/// <summary>
/// The in-process virtual-actor runtime: one activation per grain key, created on the first call, running one
/// message at a time, collected when idle. Orleans' names and semantics, without a cluster.
/// </summary>
public sealed partial class GrainRuntime : IGrainFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly Dictionary<Type, GrainType> _typesByInterface;
    private readonly Dictionary<string, GrainType> _typesByName;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger<GrainRuntime> _logger;
    private readonly Lock _stopLock = new();
    private ITimer? _collector;
    private Task? _stop;

    public GrainRuntime(
        IServiceProvider services,
        IEnumerable<GrainRegistration> registrations,
        IGrainStorage storage,
        IOptions<GrainRuntimeOptions> options,
        TimeProvider clock,
        IMeterFactory meterFactory,
        ILogger<GrainRuntime> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Services = services;
        Storage = storage;
        Options = options.Value;
        Clock = clock;
        _logger = logger;
        var types = registrations.Select(r => new GrainType(r)).ToList();
        _typesByInterface = types.ToDictionary(t => t.Interface);
        _typesByName = types.ToDictionary(t => t.Name);
        DeactivationSlots = new SemaphoreSlim(Options.DeactivationConcurrency);
        Metrics = new GrainMetrics(meterFactory, this);
        Reminders = new ReminderService(this);
    }

    internal IServiceProvider Services { get; }

    internal IGrainStorage Storage { get; }

    internal GrainRuntimeOptions Options { get; }

    internal TimeProvider Clock { get; }

    internal GrainMetrics Metrics { get; }

    internal ReminderService Reminders { get; }

    internal SemaphoreSlim DeactivationSlots { get; }

    internal CancellationToken Stopping => _stopping.Token;

    internal JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Activations in memory now.</summary>
    public int ActivationCount => _activations.Count;

    /// <summary>Calls waiting in all mailboxes now.</summary>
    public long QueuedCallCount => _activations.Values.Sum(a => (long)a.QueueLength);

    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!_typesByInterface.TryGetValue(typeof(TGrain), out var type))
        {
            throw new InvalidOperationException($"No grain is registered for {typeof(TGrain)}; add it with AddGrain.");
        }
        return (TGrain)(object)type.UnboundReference.For(this, type, key);
    }

    /// <summary>Starts idle collection and reminder delivery.</summary>
    public void Start()
    {
        _collector = Clock.CreateTimer(static s => ((GrainRuntime)s!).CollectIdle(), this, Options.CollectionInterval, Options.CollectionInterval);
        Reminders.Start();
    }

    /// <summary>Stops timers and reminders, then deactivates every activation, writing changed state.</summary>
    public Task StopAsync()
    {
        // The host may stop twice at once (its own shutdown and a test factory's dispose): both wait for one stop.
        lock (_stopLock)
        {
            return _stop ??= StopOnceAsync();
        }
    }

    private async Task StopOnceAsync()
    {
        _collector?.Dispose();
        await Reminders.StopAsync().ConfigureAwait(false);
        await DeactivateAllAsync(DeactivationReason.Shutdown).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>Deactivates every activation now (state written first).</summary>
    public async Task DeactivateAllAsync(DeactivationReason reason = DeactivationReason.Requested)
    {
        var pending = new List<Task>();
        foreach (var activation in _activations.Values)
        {
            var deactivation = new Deactivation(reason);
            if (activation.TryEnqueue(deactivation) == EnqueueResult.Accepted)
            {
                pending.Add(deactivation.Task);
            }
        }
        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <summary>Deactivates the activations idle longer than <see cref="GrainRuntimeOptions.IdleTimeout"/>; returns when done.</summary>
    public Task CollectIdleAsync()
    {
        var idleSince = Clock.GetTimestamp() - (long)(Options.IdleTimeout.TotalSeconds * Clock.TimestampFrequency);
        var pending = new List<Task>();
        foreach (var activation in _activations.Values)
        {
            if (activation.TryCollect(idleSince, out var deactivation))
            {
                pending.Add(deactivation!.Task);
            }
        }
        return Task.WhenAll(pending);
    }

    private void CollectIdle() => _ = CollectIdleAsync();

    internal void Deliver(GrainType type, string key, IGrainWorkItem item)
    {
        var id = new GrainId(type, key);
        while (true)
        {
            var activation = _activations.GetOrAdd(id, static (id, runtime) => new GrainActivation(runtime, id.Type, id.Key), this);
            switch (activation.TryEnqueue(item))
            {
                case EnqueueResult.Accepted:
                    return;
                case EnqueueResult.Gone:
                    _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(id, activation));
                    continue;
                default:
                    _ = DeliverWhenRoomAsync(activation, type, key, item);
                    return;
            }
        }
    }

    internal void Deliver(string grainTypeName, string key, IGrainWorkItem item)
    {
        if (_typesByName.TryGetValue(grainTypeName, out var type))
        {
            Deliver(type, key, item);
        }
        else
        {
            item.Fail(new InvalidOperationException($"No grain type {grainTypeName} is registered."));
        }
    }

    // Back-pressure: the caller's task stays pending until its call fits in the mailbox.
    private async Task DeliverWhenRoomAsync(GrainActivation activation, GrainType type, string key, IGrainWorkItem item)
    {
        await activation.WhenRoomAsync().ConfigureAwait(false);
        Deliver(type, key, item);
    }

    internal void Remove(GrainActivation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(new GrainId(activation.Type, activation.Key), activation));

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        Metrics.Dispose();
        Reminders.Dispose();
        DeactivationSlots.Dispose();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Activation of {GrainType}/{Key} failed")]
    internal partial void LogActivationFailed(string grainType, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deactivation of {GrainType}/{Key} failed; its state may not be written")]
    internal partial void LogDeactivationFailed(string grainType, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer of {GrainType}/{Key} failed")]
    internal partial void LogTimerFailed(string grainType, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Reminder} of {GrainType}/{Key} failed")]
    internal partial void LogReminderFailed(string reminder, string grainType, string key, Exception exception);

    private readonly record struct GrainId(GrainType Type, string Key);
}
