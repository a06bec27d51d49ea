using System.Collections.Concurrent;
using Lookout.Plugins;

namespace Lookout.Outbox.Tests.Support;

/// <summary>
/// A channel whose answer the test scripts (delivered by default). It records every call, what it confirmed, and
/// the most sends it ever had under way at once.
/// </summary>
public sealed class TestChannel(string name) : IChannel
{
    private readonly Lock _lock = new();
    private int _inFlight;

    public string Name => name;

    /// <summary>Answers each call; replace it to script failures, slowness or hangs.</summary>
    public Func<Notification, CancellationToken, Task<DeliveryResult>> Answer { get; set; } = (_, _) => Task.FromResult(DeliveryResult.Delivered);

    /// <summary>Every notification handed to the channel, in call order.</summary>
    public ConcurrentQueue<Notification> Calls { get; } = new();

    /// <summary>The ids of the notifications the channel answered delivered.</summary>
    public ConcurrentQueue<string> Confirmed { get; } = new();

    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight;
            }
        }
    }

    public int MostInFlight { get; private set; }

    public int CallsTo(string address) => Calls.Count(n => n.Recipient.Address == address);

    public async Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _inFlight++;
            MostInFlight = Math.Max(MostInFlight, _inFlight);
        }
        Calls.Enqueue(notification);
        try
        {
            var result = await Answer(notification, cancellationToken);
            if (result.IsDelivered)
            {
                Confirmed.Enqueue(notification.Id);
            }
            return result;
        }
        finally
        {
            lock (_lock)
            {
                _inFlight--;
            }
        }
    }
}
