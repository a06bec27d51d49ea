namespace Lookout.Workspaces.Contracts;

/// <summary>What a workspace's admins chose for the whole workspace.</summary>
/// <param name="DefaultPhoneRegion">
/// The region (ISO 3166-1 alpha-2, e.g. <c>GB</c>) a phone number typed without its country code is read in; null when
/// none is set, and then such a number is refused rather than guessed.
/// </param>
public sealed record WorkspaceSettings(string? DefaultPhoneRegion)
{
    public static WorkspaceSettings None { get; } = new(DefaultPhoneRegion: null);
}

/// <summary>A workspace's settings, for the modules that follow them (e.g. Contacts reads phone numbers in its region).</summary>
public interface IWorkspaceSettings
{
    /// <summary>The settings of <paramref name="workspaceId"/>; <see cref="WorkspaceSettings.None"/> for a workspace that does not exist.</summary>
    Task<WorkspaceSettings> GetAsync(string workspaceId, CancellationToken cancellationToken);
}
