using Lookout.Visitors.Collect;
using Lookout.Visitors.Contracts;
using Orleans;

namespace Lookout.Visitors.Grains;

/// <summary>One tracked browser on one site, keyed <c>siteId:visitorId</c>.</summary>
public interface IVisitorGrain : IGrainWithStringKey
{
    /// <summary>Applies a batch from /collect: enrich, exclude, update the visit, log finished page views, tell observers.</summary>
    Task Track(CollectBatch batch);

    /// <summary>The visitor now, or null when it is excluded or was never seen.</summary>
    Task<VisitorSummary?> GetSummary();

    /// <summary>The page open now, with its dwell so far (the page view log has the finished ones); null when none.</summary>
    Task<PageViewState?> GetCurrentPage();

    /// <summary>The exclusion that keeps this visitor out (chat refuses such visitors); null when not excluded.</summary>
    Task<string?> GetExclusion();

    /// <summary>Links the visitor to a lead (after identify, or when an operator links it).</summary>
    Task SetLead(string leadId);
}
