using System.Text.Json.Serialization;
using Lookout.Kernel.Tenancy;
using Orleans;

namespace Lookout.Workspaces.Contracts;

/// <summary>A member of a workspace who has the admin app open in it (at least one connection to the operators' hub).</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="DisplayName">The user's name, as it was when they came online.</param>
/// <param name="Role">Their role in the workspace, as it was when they came online.</param>
/// <param name="OnlineSince">When their first open connection was made.</param>
[GenerateSerializer, Immutable]
public sealed record OnlineOperator(
    string UserId,
    string DisplayName,
    [property: JsonConverter(typeof(JsonStringEnumConverter<WorkspaceRole>))] WorkspaceRole Role,
    DateTimeOffset OnlineSince);

/// <summary>Who is online in a workspace now: for chat invites, popups and the admin app's "online operators".</summary>
public interface IOperatorPresence
{
    /// <summary>The members of the workspace online now on any host of the cluster, by display name.</summary>
    Task<IReadOnlyList<OnlineOperator>> OnlineAsync(string workspaceId, CancellationToken cancellationToken);
}
