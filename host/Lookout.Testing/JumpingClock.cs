namespace Lookout.Testing;

/// <summary>
/// A clock that runs with real time and that a test can move ahead in one jump; timers fire in real time and, at a
/// jump, every timer the jump passed fires at once. For a whole host: Orleans shares the host's <see cref="TimeProvider"/>
/// and waits on its timers, so a clock that stands still (<see cref="ManualClock"/>) would stall the silo. Elapsed-time
/// measurements (<see cref="TimeProvider.GetTimestamp"/>) stay on real time: a jump moves the calendar, not a stopwatch.
/// </summary>
public sealed class JumpingClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<JumpingTimer> _timers = [];
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return System.GetUtcNow() + _offset;
        }
    }

    /// <summary>Moves the calendar on; every timer whose due time the jump passed fires now.</summary>
    public void Advance(TimeSpan by)
    {
        List<JumpingTimer> timers;
        lock (_lock)
        {
            _offset += by;
            timers = [.. _timers];
        }
        foreach (var timer in timers)
        {
            timer.Reschedule();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new JumpingTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class JumpingTimer : ITimer
    {
        private readonly JumpingClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly ITimer _real;
        private DateTimeOffset? _dueAt;
        private TimeSpan _period;

        public JumpingTimer(JumpingClock clock, TimerCallback callback, object? state)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            _real = System.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_clock._lock)
            {
                _dueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _clock.GetUtcNow() + dueTime;
                _period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            }
            Reschedule();
            return true;
        }

        /// <summary>Sets the real timer to the time left until the due time on the jumping calendar.</summary>
        public void Reschedule()
        {
            TimeSpan wait;
            lock (_clock._lock)
            {
                if (_dueAt is not { } due)
                {
                    _real.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    return;
                }
                wait = due - _clock.GetUtcNow();
            }
            _real.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
        }

        private void Fire()
        {
            lock (_clock._lock)
            {
                if (_dueAt is null)
                {
                    return;
                }
                _dueAt = _period > TimeSpan.Zero ? _clock.GetUtcNow() + _period : null;
            }
            Reschedule();
            _callback(_state);
        }

        public void Dispose()
        {
            lock (_clock._lock)
            {
                _dueAt = null;
                _clock._timers.Remove(this);
            }
            _real.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
