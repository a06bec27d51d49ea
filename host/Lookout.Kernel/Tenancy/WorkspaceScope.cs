using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Lookout.Kernel.Tenancy;

/// <summary>A user's role in one workspace.</summary>
[GenerateSerializer]
public enum WorkspaceRole
{
    SalesRep = 0,
    Operator = 1,
    Admin = 2,
}

/// <summary>Answers which workspaces a user belongs to; implemented by the Workspaces module.</summary>
public interface IWorkspaceMembership
{
    /// <summary>The user's role in the workspace, or null when the user is not a member (or the workspace does not exist).</summary>
    Task<WorkspaceRole?> FindRoleAsync(string userId, string workspaceId, CancellationToken cancellationToken);

    /// <summary>The workspace used when a request names none: the user's first.</summary>
    Task<string?> DefaultWorkspaceAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the user owns the installation: set up first-run (or was made one by another owner), may change the
    /// installation's channel settings, create workspaces and see the whole cluster. No workspace role grants it.
    /// </summary>
    Task<bool> IsInstallationOwnerAsync(string userId, CancellationToken cancellationToken);
}

/// <summary>
/// The caller's workspace for this request, from the <c>X-Workspace-Id</c> header (or the user's first workspace).
/// Take it as a handler parameter and put <see cref="WorkspaceId"/> in every query: that is how a module stays
/// inside the caller's workspace. A workspace the caller does not belong to is answered 404, as if it did not exist.
/// </summary>
public sealed record WorkspaceScope(string WorkspaceId, string UserId, WorkspaceRole Role)
{
    public const string Header = "X-Workspace-Id";
    private static readonly object ItemKey = new();

    public bool IsAdmin => Role == WorkspaceRole.Admin;

    /// <summary>The signed-in user's id claim.</summary>
    public static string? UserIdOf(ClaimsPrincipal user) => user?.FindFirstValue(ClaimTypes.NameIdentifier);

    public static async ValueTask<WorkspaceScope?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        await ResolveAsync(context).ConfigureAwait(false);

    /// <summary>Resolves (once per request) the caller's scope; throws a 401/404 <see cref="BadHttpRequestException"/> when there is none.</summary>
    public static async Task<WorkspaceScope> ResolveAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var cached))
        {
            return (WorkspaceScope)cached!;
        }
        var userId = UserIdOf(context.User) ?? throw new BadHttpRequestException("Sign in first.", StatusCodes.Status401Unauthorized);
        var membership = context.RequestServices.GetRequiredService<IWorkspaceMembership>();
        string? workspaceId = context.Request.Headers[Header];
        if (string.IsNullOrWhiteSpace(workspaceId))
        {
            workspaceId = await membership.DefaultWorkspaceAsync(userId, context.RequestAborted).ConfigureAwait(false);
        }
        var role = workspaceId is null ? null : await membership.FindRoleAsync(userId, workspaceId, context.RequestAborted).ConfigureAwait(false);
        if (role is null)
        {
            throw new BadHttpRequestException("Workspace not found.", StatusCodes.Status404NotFound);
        }
        var scope = new WorkspaceScope(workspaceId!, userId, role.Value);
        context.Items[ItemKey] = scope;
        return scope;
    }
}
