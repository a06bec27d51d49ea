using Lookout.Exclusions.Contracts;
using Lookout.Kernel.Events;

namespace Lookout.Exclusions.Matching;

/// <summary>
/// A workspace's exclusions changed, on any host: its compiled rules are dropped and compiled again on the next event.
/// When this host may have missed such changes, every workspace's rules are.
/// </summary>
internal sealed class RecompileOnChange(ExclusionPolicy policy) : IEventSubscriber<ExclusionsChanged>, IEventSubscriber<ClusterEventsMissed>
{
    public Task HandleAsync(ExclusionsChanged message, CancellationToken cancellationToken)
    {
        policy.Invalidate(message.WorkspaceId);
        return Task.CompletedTask;
    }

    public Task HandleAsync(ClusterEventsMissed message, CancellationToken cancellationToken)
    {
        policy.InvalidateAll();
        return Task.CompletedTask;
    }
}
