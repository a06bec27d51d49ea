using System.Collections.Concurrent;
using Lookout.Kernel.Orleans;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Lookout.Workspaces.Operators;

/// <summary>
/// This host's link to the workspaces' <see cref="IOperatorsGrain"/>s: reports the connections opened and closed here,
/// renews its report of all of them every <c>Orleans:SubscriptionRenewal</c>, and sends over <see cref="OperatorsHub"/>
/// what a grain asks of this host's connections (popups, who is online).
/// </summary>
internal sealed partial class OperatorsRelay(
    IGrainFactory grains, ILocalSiloDetails silo, OperatorPresence presence, IHubContext<OperatorsHub> hub, IOptions<SiloOptions> options,
    ILogger<OperatorsRelay> logger)
    : HostSubscription(options.Value.SubscriptionRenewal, logger), IOperatorsObserver, IOperatorPresence
{
    private readonly Lock _lock = new();
    private IOperatorsObserver? _reference;
    private readonly ConcurrentDictionary<string, long> _announced = new(StringComparer.Ordinal);
    private IReadOnlySet<string> _reported = new HashSet<string>();

    protected override string Subject => "operators";

    private IOperatorsObserver Reference
    {
        get
        {
            lock (_lock)
            {
                return _reference ??= grains.CreateObjectReference<IOperatorsObserver>(this);
            }
        }
    }

    /// <summary>Counts a connection opened on this host; if the workspace's grain cannot be told now, the next renewal tells it.</summary>
    public async Task ConnectAsync(string workspaceId, OperatorConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!presence.Connect(workspaceId, connection))
        {
            return;
        }
        try
        {
            await GrainOf(workspaceId).Connect(silo.SiloAddress, Reference, connection).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotReported(logger, workspaceId, e);
        }
    }

    /// <summary>Forgets a connection closed on this host.</summary>
    public async Task DisconnectAsync(string connectionId)
    {
        if (presence.Disconnect(connectionId) is not { } workspaceId)
        {
            return;
        }
        try
        {
            await GrainOf(workspaceId).Disconnect(silo.SiloAddress, connectionId);
        }
        catch (Exception e)
        {
            LogNotReported(logger, workspaceId, e);
        }
    }

    public Task<IReadOnlyList<OnlineOperator>> OnlineAsync(string workspaceId, CancellationToken cancellationToken) =>
        GrainOf(workspaceId).Online().WaitAsync(cancellationToken);

    /// <summary>Shows the popup to the chosen members (null: Operators and Admins) on every host; returns those it reached.</summary>
    public Task<IReadOnlyList<string>> ShowAsync(string workspaceId, PopupShown popup, IReadOnlyList<string>? userIds, CancellationToken cancellationToken) =>
        GrainOf(workspaceId).Show(popup, userIds).WaitAsync(cancellationToken);

    public Task ShowPopup(PopupShown popup, IReadOnlyList<string> connectionIds) =>
        hub.Clients.Clients(connectionIds).SendAsync(OperatorsHub.PopupEvent, popup);

    public Task OperatorsChanged(string workspaceId, long version, IReadOnlyList<OnlineOperator> online)
    {
        if (_announced.AddOrUpdate(workspaceId, version, (_, known) => Math.Max(known, version)) != version)
        {
            return Task.CompletedTask;
        }
        return hub.Clients.Clients(presence.ConnectionsIn(workspaceId)).SendAsync(OperatorsHub.OperatorsEvent, online);
    }

    protected override async Task RenewAsync(CancellationToken cancellationToken)
    {
        var workspaces = presence.Workspaces().ToHashSet(StringComparer.Ordinal);
        // A workspace this host reported last time and has no connection in now hears so, should a disconnect have been lost.
        await Task.WhenAll(workspaces.Union(_reported).Select(w => GrainOf(w).Report(silo.SiloAddress, Reference, presence.In(w))));
        _reported = workspaces;
    }

    protected override Task EndAsync() =>
        Task.WhenAll(presence.Workspaces().Union(_reported).Select(w => GrainOf(w).Leave(silo.SiloAddress)));

    private IOperatorsGrain GrainOf(string workspaceId) => grains.GetGrain<IOperatorsGrain>(workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A connection of workspace {WorkspaceId} could not be reported to the cluster now; the next renewal reports it")]
    private static partial void LogNotReported(ILogger logger, string workspaceId, Exception exception);
}
