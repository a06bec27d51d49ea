using Lookout.Workspaces.Contracts;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Lookout.Workspaces.Operators;

/// <summary>
/// Who is online in one workspace, on every host of the cluster, keyed by workspace id. Each host reports its own
/// connections to <see cref="OperatorsHub"/> and renews its report every <c>Orleans:SubscriptionRenewal</c>; the
/// connections of a host that stops renewing (killed, cut off) or that the cluster declared dead go offline.
/// </summary>
internal interface IOperatorsGrain : IGrainWithStringKey
{
    /// <summary>Counts a connection opened on <paramref name="host"/> (and renews the host's subscription).</summary>
    Task Connect(SiloAddress host, IOperatorsObserver observer, OperatorConnection connection);

    /// <summary>Forgets a connection closed on <paramref name="host"/>.</summary>
    Task Disconnect(SiloAddress host, string connectionId);

    /// <summary>Renews the host's subscription with all its connections in the workspace now (none: the host leaves).</summary>
    Task Report(SiloAddress host, IOperatorsObserver observer, IReadOnlyList<OperatorConnection> connections);

    /// <summary>Forgets the host and its connections (it is stopping).</summary>
    Task Leave(SiloAddress host);

    /// <summary>The members online, by display name.</summary>
    Task<IReadOnlyList<OnlineOperator>> Online();

    /// <summary>
    /// Shows the popup on every connection of the chosen members (<paramref name="userIds"/>; null: every Operator and
    /// Admin), whichever host holds it; returns the members it reached on at least one host.
    /// </summary>
    Task<IReadOnlyList<string>> Show(PopupShown popup, IReadOnlyList<string>? userIds);
}

/// <summary>A host's side of <see cref="IOperatorsGrain"/>: it holds the connections the grain names.</summary>
internal interface IOperatorsObserver : IGrainObserver
{
    /// <summary>Sends the popup to these connections of this host.</summary>
    Task ShowPopup(PopupShown popup, IReadOnlyList<string> connectionIds);

    /// <summary>
    /// Tells this host's connections in the workspace who is online there now, unless a later <paramref name="version"/>
    /// came first (announcements are not awaited, so two may cross).
    /// </summary>
    [OneWay]
    Task OperatorsChanged(string workspaceId, long version, IReadOnlyList<OnlineOperator> online);
}

/// <summary>One open connection of a member to <see cref="OperatorsHub"/>.</summary>
/// <param name="ConnectionId">SignalR's id of the connection, unique across hosts.</param>
/// <param name="UserId">The member.</param>
/// <param name="DisplayName">Their name when they connected.</param>
/// <param name="Role">Their role in the workspace when they connected.</param>
/// <param name="ConnectedAt">When it was opened.</param>
[GenerateSerializer, Immutable]
internal sealed record OperatorConnection(string ConnectionId, string UserId, string DisplayName, Lookout.Kernel.Tenancy.WorkspaceRole Role, DateTimeOffset ConnectedAt);
