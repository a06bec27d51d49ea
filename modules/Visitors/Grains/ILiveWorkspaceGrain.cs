using Lookout.Visitors.Contracts;
using Orleans;

namespace Lookout.Visitors.Grains;

/// <summary>
/// Who is on one workspace's sites now, for the whole cluster, keyed by workspace id. Each host reports the changes of
/// the visitor grains it runs; the grain passes them on to every host whose operators watch the workspace.
/// </summary>
public interface ILiveWorkspaceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Subscribes a host's observer, or renews its subscription, for <see cref="LiveWorkspaceGrain.SubscriptionExpiry"/>;
    /// a host stops renewing once its last operator of the workspace left. Returns this activation's id: a new one tells
    /// the host that changes may have passed it by (lead names).
    /// </summary>
    Task<Guid> Subscribe(ILiveWorkspaceObserver host);

    /// <summary>Visitors of the workspace that changed on one host since its last report: recorded, then passed on to every subscribed host.</summary>
    Task Report([Immutable] IReadOnlyList<VisitorSummary> visitors);

    /// <summary>The visitors on the workspace's sites now.</summary>
    Task<IReadOnlyList<LiveVisitorKey>> GetLive();

    /// <summary>Whether the visitor is on its site now.</summary>
    Task<bool> IsLive(LiveVisitorKey visitor);

    /// <summary>Tells every subscribed host that a lead's name, company or owner changed.</summary>
    Task ForgetLead(string leadId);

    /// <summary>Ends the presence of every visitor gone by now and tells the hosts; the grain's timer does it every few seconds.</summary>
    Task Sweep();
}

/// <summary>One visitor of a workspace's live view.</summary>
[GenerateSerializer, Immutable]
public sealed record LiveVisitorKey(string SiteId, string VisitorId);
