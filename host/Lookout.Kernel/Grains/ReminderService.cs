namespace Lookout.Kernel.Grains;

/// <summary>Polls the reminder table and delivers due ticks to their grains as <see cref="IRemindable.ReceiveReminder"/> calls.</summary>
internal sealed class ReminderService(GrainRuntime runtime) : IDisposable
{
    private const int ClaimBatch = 256;
    private readonly SemaphoreSlim _polling = new(1, 1);
    private ITimer? _timer;

    private IReminderTable Table => (IReminderTable)runtime.Services.GetService(typeof(IReminderTable))!;

    public void Start() =>
        _timer = runtime.Clock.CreateTimer(static s => _ = ((ReminderService)s!).PollAsync(), this, TimeSpan.Zero, runtime.Options.ReminderPollInterval);

    public async Task StopAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }
        await _polling.WaitAsync().ConfigureAwait(false);
    }

    public Task RegisterAsync(GrainType type, string key, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        if (!typeof(IRemindable).IsAssignableFrom(type.Implementation))
        {
            throw new InvalidOperationException($"{type.Implementation} must implement IRemindable to register reminders.");
        }
        return Table.UpsertAsync(type.Name, key, name, runtime.Clock.GetUtcNow() + dueTime, period, CancellationToken.None);
    }

    public Task UnregisterAsync(GrainType type, string key, string name) =>
        Table.DeleteAsync(type.Name, key, name, CancellationToken.None);

    /// <summary>Claims and delivers every reminder due now; returns how many were delivered.</summary>
    public async Task<int> PollAsync()
    {
        if (!await _polling.WaitAsync(0).ConfigureAwait(false))
        {
            return 0;
        }
        var delivered = 0;
        try
        {
            IReadOnlyList<DueReminder> due;
            do
            {
                var now = runtime.Clock.GetUtcNow();
                due = await Table.ClaimDueAsync(now, ClaimBatch, CancellationToken.None).ConfigureAwait(false);
                foreach (var reminder in due)
                {
                    var status = new TickStatus(
                        DateTimeOffset.FromUnixTimeMilliseconds(reminder.FirstDueAt),
                        TimeSpan.FromMilliseconds(reminder.PeriodMs),
                        now);
                    var call = new GrainCall<VoidResult>((grain, _) => ((IRemindable)grain).ReceiveReminder(reminder.Name, status), null);
                    runtime.Deliver(reminder.GrainType, reminder.GrainKey, call);
                    _ = call.Task.ContinueWith(
                        t => runtime.LogReminderFailed(reminder.Name, reminder.GrainType, reminder.GrainKey, t.Exception!),
                        CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    delivered++;
                }
            }
            while (due.Count == ClaimBatch);
        }
#pragma warning disable CA1031 // a failed poll (database away) is retried at the next interval
        catch (Exception exception)
#pragma warning restore CA1031
        {
            runtime.LogReminderFailed("(poll)", "-", "-", exception);
        }
        finally
        {
            _polling.Release();
        }
        return delivered;
    }

    public void Dispose() => _polling.Dispose();
}
