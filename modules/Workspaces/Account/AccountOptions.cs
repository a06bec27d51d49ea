namespace Lookout.Workspaces.Account;

/// <summary>Login settings (<c>Account</c> section) and the first-run admin.</summary>
public sealed class AccountOptions
{
    public const string Section = "Account";

    /// <summary>Email of the admin created on first run.</summary>
    public string AdminEmail { get; set; } = "admin@lookout.local";

    /// <summary>Login attempts allowed per client IP per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;
}
