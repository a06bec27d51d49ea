using Lookout.Exclusions.Contracts;
using Lookout.Kernel.Events;

namespace Lookout.Exclusions.Matching;

/// <summary>A workspace's exclusions changed: its compiled rules are dropped and compiled again on the next event.</summary>
internal sealed class RecompileOnChange(ExclusionPolicy policy) : IEventSubscriber<ExclusionsChanged>
{
    public Task HandleAsync(ExclusionsChanged message, CancellationToken cancellationToken)
    {
        policy.Invalidate(message.WorkspaceId);
        return Task.CompletedTask;
    }
}
