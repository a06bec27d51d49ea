using Lookout.Visitors.Contracts;
using Orleans;

namespace Lookout.Visitors.Grains;

/// <summary>
/// A host's live view, subscribed to the <see cref="ILiveWorkspaceGrain"/> of each workspace its operators watch:
/// what it is told it pushes to the operators connected to it.
/// </summary>
public interface ILiveWorkspaceObserver : IGrainObserver
{
    /// <summary>Visitors of one workspace that are new or changed.</summary>
    Task VisitorsChanged([Immutable] IReadOnlyList<VisitorSummary> visitors);

    /// <summary>Visitors of <paramref name="workspaceId"/> who left the sites.</summary>
    Task VisitorsGone(string workspaceId, [Immutable] IReadOnlyList<LiveVisitorKey> visitors);

    /// <summary>A lead of <paramref name="workspaceId"/> changed: what the host keeps of it is stale.</summary>
    Task LeadChanged(string workspaceId, string leadId);
}
