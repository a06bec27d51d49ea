using System.Globalization;

namespace Lookout.Plugins.Attachments.Templates;

/// <summary>
/// One render's allowance of time and output. The writer, the data and the helpers check it as they go, so a
/// Cartesian product of <c>{{#each}}</c> blocks stops at the cap or the deadline, whichever comes first.
/// </summary>
internal sealed class RenderBudget : IDisposable
{
    private readonly TemplateLimits _limits;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _deadline;
    private long _written;

    public RenderBudget(TemplateLimits limits, CancellationToken caller)
    {
        _limits = limits;
        _caller = caller;
        _deadline = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _deadline.CancelAfter(limits.RenderTimeout);
    }

    /// <summary>Stops the render when its time is up; a caller's cancellation stays an <see cref="OperationCanceledException"/>.</summary>
    public void Check()
    {
        if (!_deadline.IsCancellationRequested)
        {
            return;
        }
        _caller.ThrowIfCancellationRequested();
        throw new TemplateStoppedException(
            $"The template took longer than {_limits.RenderTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s to render and was stopped. " +
            "Nested {{#each}} blocks over large lists multiply: loop over fewer items.");
    }

    /// <summary>Counts <paramref name="characters"/> more of output, and stops the render past the cap.</summary>
    public void Wrote(int characters)
    {
        _written += characters;
        if (_written > _limits.MaxOutputCharacters)
        {
            throw new TemplateStoppedException(
                $"The template wrote more than {_limits.MaxOutputCharacters.ToString("N0", CultureInfo.InvariantCulture)} characters and was stopped. " +
                "Nested {{#each}} blocks over large lists multiply: loop over fewer items.");
        }
        Check();
    }

    public void Dispose() => _deadline.Dispose();
}
