using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Lookout.Kernel.Http;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Users;
using Lookout.Workspaces.Workspaces;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Lookout.Workspaces.Account;

internal static class LoginApi
{
    private const string LoginLimit = "login";

    public sealed record LoginRequest(string? Email, string? Password);

    public sealed record UserView(string Id, string Email, string DisplayName);

    /// <summary>
    /// The signed-in user, their workspaces, whether they own the installation and whether they may create workspaces
    /// (<see cref="AccountOptions.WhoMayCreateWorkspaces"/>), so that the SPA offers only what the API allows.
    /// </summary>
    public sealed record Session(UserView User, IReadOnlyList<WorkspaceView> Workspaces, bool InstallationOwner, bool MayCreateWorkspaces);

    public sealed record AntiforgeryToken(string HeaderName, string? Token);

    public static void MapAccountApi(this RouteGroupBuilder group)
    {
        group.MapGet("/antiforgery", IssueToken).WithName("GetAntiforgeryToken").WithSummary("Get an antiforgery token for the next unsafe request").AllowAnonymous();
        group.MapPost("/login", Login).WithName("Login").WithSummary("Sign in with email and password").AllowAnonymous().RequireRateLimiting(LoginLimit);
        group.MapPost("/logout", (Delegate)Logout).WithName("Logout").WithSummary("Sign out").RequireAuthorization();
        group.MapGet("/me", Me).WithName("GetSession").WithSummary("Get the signed-in user and their workspaces").RequireAuthorization();
    }

    /// <summary>Per client IP, a fixed window of login attempts.</summary>
    public static void AddLoginLimit(RateLimiterOptions options, IConfiguration configuration)
    {
        var perMinute = configuration.GetSection(AccountOptions.Section).Get<AccountOptions>()?.LoginAttemptsPerMinute ?? new AccountOptions().LoginAttemptsPerMinute;
        options.AddPolicy(LoginLimit, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    private static Ok<AntiforgeryToken> IssueToken(IAntiforgery antiforgery, HttpContext http)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new AntiforgeryToken(tokens.HeaderName ?? AntiforgeryMiddleware.HeaderName, tokens.RequestToken));
    }

    /// <summary>
    /// Unknown emails go through the same steps as known ones (failures counted, a password hash verified), so that
    /// neither the answer nor its time tells whether an account exists.
    /// </summary>
    private static async Task<Results<Ok<Session>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, UserStore users, WorkspaceStore workspaces, IPasswordHasher<UserAccount> hasher, PasswordCheck passwords,
        LoginFailureStore failures, IOptions<AccountOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Text("email", request.Email, 254).Text("password", request.Password, 1024);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var email = UserStore.NormalizeEmail(request.Email!);
        if (await failures.RefusedForAsync(email, cancellationToken) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                title: "Too many failed sign-ins",
                detail: "Sign-ins with this email are paused after repeated failures; try again later.",
                statusCode: StatusCodes.Status429TooManyRequests);
        }
        var user = await users.FindByEmailAsync(email, cancellationToken);
        var verdict = passwords.Verify(user, request.Password!);
        if (verdict == PasswordVerificationResult.Failed)
        {
            await failures.RecordFailureAsync(email, cancellationToken);
            return TypedResults.Problem(title: "Invalid email or password", statusCode: StatusCodes.Status401Unauthorized);
        }
        await failures.ForgetAsync(email, cancellationToken);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await users.UpdatePasswordHashAsync(user!.Id, hasher.HashPassword(user, request.Password!), cancellationToken);
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user!.Id), new Claim(ClaimTypes.Name, user.DisplayName), new Claim(ClaimTypes.Email, user.Email)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return TypedResults.Ok(await SessionAsync(user, workspaces, options.Value, cancellationToken));
    }

    private static async Task<NoContent> Logout(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Session>, UnauthorizedHttpResult>> Me(UserStore users, WorkspaceStore workspaces, IOptions<AccountOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(WorkspaceScope.UserIdOf(http.User)!, cancellationToken);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }
        return TypedResults.Ok(await SessionAsync(user, workspaces, options.Value, cancellationToken));
    }

    private static async Task<Session> SessionAsync(UserAccount user, WorkspaceStore workspaces, AccountOptions options, CancellationToken cancellationToken) =>
        new(new UserView(user.Id, user.Email, user.DisplayName),
            await workspaces.ListForUserAsync(user.Id, cancellationToken),
            await workspaces.IsInstallationOwnerAsync(user.Id, cancellationToken),
            await workspaces.MayCreateAsync(user.Id, options.WhoMayCreateWorkspaces, cancellationToken));
}
