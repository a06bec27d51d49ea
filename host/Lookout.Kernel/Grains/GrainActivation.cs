using System.Diagnostics;

namespace Lookout.Kernel.Grains;

internal enum EnqueueResult
{
    Accepted,
    Full,
    Gone,
}

/// <summary>
/// One grain in memory: its mailbox and the loop that runs one message at a time. No thread is held while the
/// mailbox is empty; an idle activation is a few small objects.
/// </summary>
internal sealed class GrainActivation(GrainRuntime runtime, GrainType type, string key) : IThreadPoolWorkItem
{
    private enum Status
    {
        New,
        Active,
        Gone,
    }

    private readonly Lock _lock = new();
    private Queue<IGrainWorkItem>? _mailbox;
    private bool _running;
    private bool _deactivationRequested;
    private Status _status;
    private Grain? _grain;
    private IGrainStateHandle[] _states = [];
    private List<GrainTimer>? _timers;
    private Queue<TaskCompletionSource>? _waitingForRoom;

    public GrainRuntime Runtime { get; } = runtime;

    public GrainType Type { get; } = type;

    public string Key { get; } = key;

    public Grain Grain => _grain!;

    /// <summary>When the last call was queued (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long LastCallTimestamp { get; private set; } = runtime.Clock.GetTimestamp();

    public int QueueLength
    {
        get
        {
            lock (_lock)
            {
                return _mailbox?.Count ?? 0;
            }
        }
    }

    public EnqueueResult TryEnqueue(IGrainWorkItem item)
    {
        lock (_lock)
        {
            if (_status == Status.Gone)
            {
                return EnqueueResult.Gone;
            }
            _mailbox ??= new Queue<IGrainWorkItem>(2);
            if (item.IsCall && _mailbox.Count >= Runtime.Options.MailboxCapacity)
            {
                return EnqueueResult.Full;
            }
            _mailbox.Enqueue(item);
            if (item.IsCall)
            {
                LastCallTimestamp = Runtime.Clock.GetTimestamp();
            }
            if (_running)
            {
                return EnqueueResult.Accepted;
            }
            _running = true;
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return EnqueueResult.Accepted;
    }

    /// <summary>Completes when the mailbox has room again (or the activation is gone).</summary>
    public Task WhenRoomAsync()
    {
        lock (_lock)
        {
            if (_status == Status.Gone || (_mailbox?.Count ?? 0) < Runtime.Options.MailboxCapacity)
            {
                return Task.CompletedTask;
            }
            var room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (_waitingForRoom ??= new Queue<TaskCompletionSource>()).Enqueue(room);
            return room.Task;
        }
    }

    /// <summary>Queues a deactivation when no call came since <paramref name="idleSince"/>; false when one did.</summary>
    public bool TryCollect(long idleSince, out Deactivation? deactivation)
    {
        deactivation = null;
        lock (_lock)
        {
            // Still finishing its last turn is not "busy": the deactivation queues behind it.
            if (_status != Status.Active || LastCallTimestamp > idleSince)
            {
                return false;
            }
        }
        deactivation = new Deactivation(DeactivationReason.Idle);
        return TryEnqueue(deactivation) == EnqueueResult.Accepted;
    }

    public void RequestDeactivation()
    {
        lock (_lock)
        {
            _deactivationRequested = true;
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = RunAsync();

    private async Task RunAsync()
    {
        while (true)
        {
            IGrainWorkItem item;
            lock (_lock)
            {
                if (_status == Status.Gone)
                {
                    return;
                }
                if (_mailbox!.Count == 0)
                {
                    if (!_deactivationRequested)
                    {
                        _running = false;
                        return;
                    }
                    _deactivationRequested = false;
                    _mailbox.Enqueue(new Deactivation(DeactivationReason.Requested));
                }
                item = _mailbox.Dequeue();
                // One freed slot wakes one waiting caller: waking all of them would have each retry for every slot.
                if (_waitingForRoom is { Count: > 0 } && _mailbox.Count < Runtime.Options.MailboxCapacity)
                {
                    _waitingForRoom.Dequeue().TrySetResult();
                }
            }

            if (_status == Status.New && !await TryActivateAsync(item).ConfigureAwait(false))
            {
                return;
            }

            var started = Runtime.Metrics.TurnTime.Enabled ? Stopwatch.GetTimestamp() : 0;
            await item.RunAsync(this).ConfigureAwait(false);
            if (started != 0)
            {
                Runtime.Metrics.TurnTime.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    private async Task<bool> TryActivateAsync(IGrainWorkItem first)
    {
        if (first is Deactivation deactivation)
        {
            // Asked to leave before it ever ran: nothing to write, but calls queued behind go to a fresh activation.
            Redeliver(Leave(deactivation));
            return false;
        }
        try
        {
            var (grain, states) = Type.Create(Runtime.Services, Runtime.Storage, Key, Runtime.Json);
            foreach (var state in states)
            {
                await state.ReadStateAsync(Runtime.Stopping).ConfigureAwait(false);
            }
            grain.Activation = this;
            _grain = grain;
            _states = states;
            await grain.OnActivateAsync(Runtime.Stopping).ConfigureAwait(false);
            _status = Status.Active;
            return true;
        }
#pragma warning disable CA1031 // every queued caller receives the activation failure
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Runtime.LogActivationFailed(Type.Name, Key, exception);
            // Out of the directory before any caller hears of the failure, so that its next call activates afresh.
            var queued = Leave(null);
            first.Fail(exception);
            foreach (var item in queued)
            {
                item.Fail(exception);
            }
            return false;
        }
    }

    /// <summary>Runs as the last turn: the grain's hook, then every changed state is written.</summary>
    public async Task DeactivateAsync(DeactivationReason reason)
    {
        StopTimers();
        await Runtime.DeactivationSlots.WaitAsync().ConfigureAwait(false);
        try
        {
            await Grain.OnDeactivateAsync(reason, CancellationToken.None).ConfigureAwait(false);
            foreach (var state in _states)
            {
                await state.WriteIfChangedAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // a failed write is logged; the calls still waiting go to a fresh activation
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Runtime.LogDeactivationFailed(Type.Name, Key, exception);
        }
        finally
        {
            Runtime.DeactivationSlots.Release();
        }
        Redeliver(Leave(null));
    }

    /// <summary>After an <see cref="InconsistentStateException"/>: leave without writing and retry the call (if any) on a fresh activation.</summary>
    public void DropAndRedeliver(IGrainWorkItem? call)
    {
        StopTimers();
        var waiting = Leave(null);
        if (call is not null)
        {
            Runtime.Deliver(Type, Key, call);
        }
        Redeliver(waiting);
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period);
        lock (_lock)
        {
            (_timers ??= []).Add(timer);
        }
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    private void StopTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = _timers?.ToArray() ?? [];
            _timers = null;
        }
        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    /// <summary>Marks the activation gone, takes it out of the directory and returns what was still queued.</summary>
    private List<IGrainWorkItem> Leave(Deactivation? completed)
    {
        List<IGrainWorkItem> waiting;
        lock (_lock)
        {
            _status = Status.Gone;
            _running = false;
            waiting = _mailbox is null ? [] : [.. _mailbox];
            _mailbox = null;
            while (_waitingForRoom?.TryDequeue(out var room) == true)
            {
                room.TrySetResult();
            }
            _waitingForRoom = null;
        }
        Runtime.Remove(this);
        completed?.TrySetResult();
        return waiting;
    }

    private void Redeliver(List<IGrainWorkItem> waiting)
    {
        foreach (var item in waiting)
        {
            if (item is Deactivation deactivation)
            {
                deactivation.TrySetResult();
            }
            else if (item.IsCall)
            {
                Runtime.Deliver(Type, Key, item);
            }
        }
    }
}

/// <summary>An in-memory grain timer; each tick is queued as a turn of its activation.</summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly ITimer _timer;

    public GrainTimer(GrainActivation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _timer = activation.Runtime.Clock.CreateTimer(static s => ((GrainTimer)s!).Tick(), this, dueTime, period);
    }

    private void Tick()
    {
        if (!_cancellation.IsCancellationRequested)
        {
            _activation.TryEnqueue(new TimerTick(_callback, _cancellation.Token));
        }
    }

    public void Dispose()
    {
        if (_cancellation.IsCancellationRequested)
        {
            return;
        }
        _cancellation.Cancel();
        _timer.Dispose();
        _cancellation.Dispose();
        _activation.RemoveTimer(this);
    }
}
