using System.Threading.Channels;

namespace Lookout.Outbox.Dispatch;

/// <summary>Wakes the dispatcher in this process: something was enqueued, resent, or a channel slot came free.</summary>
internal sealed class DispatchSignal
{
    // One pending wake-up is enough: the dispatcher looks at everything that is due when it wakes.
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Waits for a wake-up or for <paramref name="timeout"/> on <paramref name="clock"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _wakeUps.Reader.WaitToReadAsync(waiting.Token).AsTask();
        var elapsed = Task.Delay(timeout, clock, waiting.Token);
        await Task.WhenAny(woken, elapsed);
        await waiting.CancelAsync();
        _wakeUps.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
