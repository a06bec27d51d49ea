using Lookout.Kernel.Events;
using Lookout.Kernel.Modules;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.Builder;
using Lookout.Kernel.Tenancy;
using Lookout.Plugins;
using Lookout.Workspaces.Account;
using Lookout.Workspaces.Invitations;
using Lookout.Workspaces.Operators;
using Lookout.Workspaces.Sites;
using Lookout.Workspaces.Users;
using Lookout.Workspaces.Workspaces;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace Lookout.Workspaces;

/// <summary>Workspaces, sites, users and their roles; login and the first-run admin; the operators' console (presence and popups).</summary>
public sealed class WorkspacesModule : IModule
{
    public string Name => "workspaces";

    public string Title => "Workspaces";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection(AccountOptions.Section));
        services.AddAuthorization();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "lookout.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                // An API answers with status codes; the SPA shows its own login page.
                options.Events.OnRedirectToLogin = context => SetStatus(context.Response, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => SetStatus(context.Response, StatusCodes.Status403Forbidden);
            });
        services.AddRateLimiter(options => LoginApi.AddLoginLimit(options, configuration));
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<PasswordCheck>();
        services.AddSingleton<LoginBackoff>();
        services.AddSingleton<LoginFailureStore>();
        services.AddSingleton<WorkspaceStore>();
        services.AddSingleton<IWorkspaceMembership>(sp => sp.GetRequiredService<WorkspaceStore>());
        services.AddSingleton<IWorkspaceSettings>(sp => sp.GetRequiredService<WorkspaceStore>());
        services.AddSingleton<UserStore>();
        services.AddSingleton<InvitationStore>();
        services.AddSingleton<IUserDirectory>(sp => sp.GetRequiredService<UserStore>());
        services.AddSingleton<SiteStore>();
        services.AddSingleton<SiteDirectory>();
        services.AddSingleton<ISiteDirectory>(sp => sp.GetRequiredService<SiteDirectory>());
        services.AddSingleton<IEventSubscriber<SiteChanged>>(sp => sp.GetRequiredService<SiteDirectory>());
        services.AddSingleton<IEventSubscriber<ClusterEventsMissed>>(sp => sp.GetRequiredService<SiteDirectory>());
        services.AddHostedService<FirstRun>();
        services.AddSignalR();
        services.AddSingleton<OperatorPresence>();
        // Who is online is the cluster's (IOperatorsGrain): the relay needs the silo, which reports to it once active.
        services.AddSingleton<OperatorsRelay>();
        services.AddSingleton<IOperatorPresence>(sp => sp.GetRequiredService<OperatorsRelay>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<OperatorsRelay>());
        services.AddSingleton<IOperatorConsole, OperatorConsole>();
    }

    public void MapEndpoints(RouteGroupBuilder group)
    {
        group.MapAccountApi();
        group.MapWorkspacesApi();
        group.MapWorkspaceSettingsApi();
        group.MapSitesApi();
        group.MapUsersApi();
        group.MapPreferencesApi();
        group.MapProfileApi();
        group.MapInvitationsApi();
        group.MapOperatorsApi();
    }

    public void MapPublicEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapHub<OperatorsHub>(OperatorsHub.Path);

    private static Task SetStatus(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
