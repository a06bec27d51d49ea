using Lookout.Kernel.Events;
using Lookout.Kernel.Tenancy;
using Lookout.Plugins;
using Orleans;

namespace Lookout.Workspaces.Contracts;

/// <summary>A tracked site as other modules need it.</summary>
public sealed record SiteInfo(
    string Id,
    string WorkspaceId,
    string Name,
    string SiteKey,
    IReadOnlyList<string> AllowedOrigins,
    string TimeZone,
    bool AnonymizeIp,
    string? DefaultOwnerUserId);

/// <summary>Finds sites by their public key (every /collect request) or id; answers from memory after the first time.</summary>
public interface ISiteDirectory
{
    ValueTask<SiteInfo?> FindByKeyAsync(string siteKey, CancellationToken cancellationToken);

    ValueTask<SiteInfo?> FindByIdAsync(string siteId, CancellationToken cancellationToken);

    /// <summary>The first site created on this host (the demo site tracks itself with it).</summary>
    ValueTask<SiteInfo?> FirstAsync(CancellationToken cancellationToken);
}

/// <summary>Kernel event: a site was created, changed or deleted; every host forgets what it remembered of it.</summary>
[GenerateSerializer, Immutable]
public sealed record SiteChanged(string WorkspaceId, string SiteId, string SiteKey) : IClusterEvent;

/// <summary>A user as a member of one workspace, with the preferences they set for themself (users are global: the same in every workspace).</summary>
/// <param name="TimeZone">The IANA time zone the user chose; null when they have not (show times in the site's or workspace's).</param>
/// <param name="Csv">How the user wants CSV attachments and exports written; null when they have not chosen.</param>
public sealed record WorkspaceMember(string Id, string Email, string DisplayName, WorkspaceRole Role, string? TimeZone, CsvPreference? Csv);

/// <summary>What a user chose for themself; null where they have not chosen.</summary>
public sealed record UserPreferences(string? TimeZone, CsvPreference? Csv)
{
    public static UserPreferences None { get; } = new(null, null);
}

/// <summary>Users of a workspace, for modules that show who owns what or send them something.</summary>
public interface IUserDirectory
{
    /// <summary>Display names of those of <paramref name="userIds"/> who are members of the workspace.</summary>
    Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(string workspaceId, IEnumerable<string> userIds, CancellationToken cancellationToken);

    /// <summary>Every member of the workspace with their email, role and own preferences, by display name.</summary>
    Task<IReadOnlyList<WorkspaceMember>> MembersAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>The preferences <paramref name="userId"/> set for themself; <see cref="UserPreferences.None"/> for an unknown user.</summary>
    Task<UserPreferences> PreferencesAsync(string userId, CancellationToken cancellationToken);
}
