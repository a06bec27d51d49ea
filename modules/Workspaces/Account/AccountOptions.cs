namespace Lookout.Workspaces.Account;

/// <summary>Login settings (<c>Account</c> section) and the first-run admin.</summary>
public sealed class AccountOptions
{
    public const string Section = "Account";

    /// <summary>Email of the admin created on first run.</summary>
    public string AdminEmail { get; set; } = "admin@lookout.local";

    /// <summary>Who may create workspaces: installation owners only (the default), or any signed-in user.</summary>
    public WorkspaceCreators WhoMayCreateWorkspaces { get; set; } = WorkspaceCreators.InstallationOwners;

    /// <summary>Login attempts allowed per client IP per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Failed sign-ins of one email, within 15 minutes, before it is refused for a while (from any address).</summary>
    public int LoginFailuresBeforeBackoff { get; set; } = 5;

    /// <summary>How long an email is first refused after too many failures; each further failure doubles it, up to an hour.</summary>
    public int LoginBackoffSeconds { get; set; } = 60;
}

/// <summary>Who may create workspaces (<c>Account:WhoMayCreateWorkspaces</c>), an installation setting.</summary>
public enum WorkspaceCreators
{
    /// <summary>Only installation owners: a workspace Admin cannot make themselves Admin of a new one.</summary>
    InstallationOwners = 0,

    /// <summary>Any signed-in user (a hosted service where people sign up for their own workspaces).</summary>
    AnyUser = 1,
}
