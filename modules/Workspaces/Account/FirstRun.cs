using Lookout.Kernel.Storage;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Sites;
using Lookout.Workspaces.Users;
using Lookout.Workspaces.Workspaces;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lookout.Workspaces.Account;

/// <summary>
/// On an empty database: a workspace, a site and an admin. The admin's password is <c>LOOKOUT_ADMIN_PASSWORD</c>
/// or generated and printed once, with the URL, on the console.
/// </summary>
internal sealed class FirstRun(
    WorkspaceStore workspaces,
    UserStore users,
    SiteStore sites,
    IPasswordHasher<UserAccount> hasher,
    IOptions<AccountOptions> options,
    IConfiguration configuration,
    IServer server,
    IHostApplicationLifetime lifetime,
    LookoutDatabase database) : IHostedService
{
    public const string PasswordVariable = "LOOKOUT_ADMIN_PASSWORD";

    // Any fixed number other than the kernel's: hosts starting together on an empty database set it up once.
    private const long SetUpLockId = 0x4c6f6f6b46697273;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string? login = null;
        await database.OneHostAtATimeAsync(SetUpLockId, async () => login = await SetUpAsync(cancellationToken), cancellationToken);
        lifetime.ApplicationStarted.Register(() =>
        {
            var urls = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine($"Lookout is running at {string.Join(", ", urls)}");
            if (login is not null)
            {
                Console.WriteLine(login);
            }
        });
    }

    /// <summary>Creates the first workspace, site and admin on an empty database; what to tell whoever started it, or null.</summary>
    private async Task<string?> SetUpAsync(CancellationToken cancellationToken)
    {
        string? login = null;
        if (!await workspaces.AnyAsync(cancellationToken))
        {
            var email = options.Value.AdminEmail;
            var given = configuration[PasswordVariable];
            var password = string.IsNullOrEmpty(given) ? UsersApi.GeneratePassword() : given;
            var admin = await users.FindByEmailAsync(email, cancellationToken)
                ?? await users.CreateAsync(email, "Admin", u => hasher.HashPassword(u, password), cancellationToken);
            await users.MakeInstallationOwnerAsync(admin.Id, cancellationToken);
            var workspace = await workspaces.CreateAsync("My workspace", admin.Id, cancellationToken);
            await sites.CreateAsync(workspace.Id, new SiteSettings("My site", [], TimeZoneInfo.Local.HasIanaId ? TimeZoneInfo.Local.Id : "Etc/UTC", AnonymizeIp: false, DefaultOwnerUserId: admin.Id), cancellationToken);
            login = string.IsNullOrEmpty(given)
                ? $"Sign in as {email} with password {password} (shown once; set {PasswordVariable} to choose it)."
                : $"Sign in as {email} with the password from {PasswordVariable}.";
        }
        return login;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
