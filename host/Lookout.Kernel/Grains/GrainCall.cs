namespace Lookout.Kernel.Grains;

/// <summary>One message in an activation's mailbox; it runs as one turn.</summary>
internal interface IGrainWorkItem
{
    /// <summary>Calls count as activity for idle collection; timer ticks and deactivation do not.</summary>
    bool IsCall { get; }

    Task RunAsync(GrainActivation activation);

    void Fail(Exception exception);
}

/// <summary>A method call; the caller awaits <see cref="TaskCompletionSource{TResult}.Task"/>.</summary>
internal sealed class GrainCall<TResult>(Func<object, object?[]?, Task> method, object?[]? args)
    : TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), IGrainWorkItem
{
    private bool _retried;

    public bool IsCall => true;

    public async Task RunAsync(GrainActivation activation)
    {
        try
        {
            var task = method(activation.Grain, args);
            await task.ConfigureAwait(false);
            TrySetResult(task is Task<TResult> typed ? typed.Result : default!);
        }
        catch (InconsistentStateException exception)
        {
            // Another activation wrote this grain's state: ours is stale, so it is dropped either way; the call
            // runs once more on a fresh activation, and a second conflict reaches the caller.
            if (_retried)
            {
                activation.DropAndRedeliver(null);
                TrySetException(exception);
            }
            else
            {
                _retried = true;
                activation.DropAndRedeliver(this);
            }
        }
#pragma warning disable CA1031 // the caller receives every failure of its call
        catch (Exception exception)
#pragma warning restore CA1031
        {
            TrySetException(exception);
        }
    }

    public void Fail(Exception exception) => TrySetException(exception);
}

internal sealed class TimerTick(Func<CancellationToken, Task> callback, CancellationToken cancellationToken) : IGrainWorkItem
{
    public bool IsCall => false;

    public async Task RunAsync(GrainActivation activation)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        try
        {
            await callback(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a failing timer callback is logged; the timer goes on
        catch (Exception exception)
#pragma warning restore CA1031
        {
            activation.Runtime.LogTimerFailed(activation.Type.Name, activation.Key, exception);
        }
    }

    public void Fail(Exception exception)
    {
    }
}

internal sealed class Deactivation(DeactivationReason reason) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), IGrainWorkItem
{
    public bool IsCall => false;

    public async Task RunAsync(GrainActivation activation)
    {
        await activation.DeactivateAsync(reason).ConfigureAwait(false);
        TrySetResult();
    }

    public void Fail(Exception exception) => TrySetResult();
}
