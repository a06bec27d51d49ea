using System.Globalization;

namespace Lookout.Kernel.Templates;

/// <summary>
/// One render's allowance of time and output. The output, the data and the filters check it as they go, and Fluid
/// checks its token at every step, so nested loops stop at the cap or the deadline, whichever comes first.
/// </summary>
internal sealed class RenderBudget : IDisposable
{
    private readonly Lookout.Plugins.TemplateLimits _limits;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _deadline;
    private long _written;

    public RenderBudget(Lookout.Plugins.TemplateLimits limits, CancellationToken caller)
    {
        _limits = limits;
        _caller = caller;
        _deadline = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _deadline.CancelAfter(limits.RenderTimeout);
    }

    /// <summary>Cancelled when the caller gives up or the time is up.</summary>
    public CancellationToken Token => _deadline.Token;

    /// <summary>Stops the render when its time is up; a caller's cancellation stays an <see cref="OperationCanceledException"/>.</summary>
    public void Check()
    {
        if (_deadline.IsCancellationRequested)
        {
            throw TimeIsUp();
        }
    }

    /// <summary>What a cancelled render ends with: the caller's cancellation, or the deadline's error.</summary>
    public Exception TimeIsUp()
    {
        if (_caller.IsCancellationRequested)
        {
            return new OperationCanceledException("The render was cancelled.", _caller);
        }
        return new TemplateStoppedException(
            $"The template took longer than {_limits.RenderTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s to render and was stopped. " +
            "Nested {% for %} loops over large lists multiply: loop over fewer items.");
    }

    /// <summary>Counts <paramref name="characters"/> more of output, and stops the render past the cap.</summary>
    public void Wrote(int characters)
    {
        _written += characters;
        if (_written > _limits.MaxOutputCharacters)
        {
            throw new TemplateStoppedException(
                $"The template wrote more than {_limits.MaxOutputCharacters.ToString("N0", CultureInfo.InvariantCulture)} characters and was stopped. " +
                "Nested {% for %} loops over large lists multiply: loop over fewer items.");
        }
        Check();
    }

    public void Dispose() => _deadline.Dispose();
}

/// <summary>
/// Thrown from inside a render (the output, a filter, the data) to stop it; the engine turns it into a
/// <see cref="Lookout.Plugins.LiquidTemplateException"/> with the same message, whatever Fluid wrapped it in.
/// </summary>
internal sealed class TemplateStoppedException(string message) : Exception(message);
