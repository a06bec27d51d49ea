using Lookout.Kernel.Plugins;
using Lookout.Kernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Plugins.Email.Pickup;

/// <summary>
/// <c>GET /api/plugins/email/pickup</c> lists the pickup folder's messages of the caller's workspace, newest first;
/// <c>GET /api/plugins/email/pickup/{name}</c> returns one as it was written (<c>message/rfc822</c> text, served as
/// <c>text/plain</c> so that a browser never renders it). Admins only: messages hold leads' details.
/// </summary>
internal sealed class MailPickupEndpoints : IPluginEndpoints
{
    public const int MaxListed = 200;

    public void MapEndpoints(RouteGroupBuilder plugins)
    {
        var pickup = plugins.MapGroup("/email/pickup").RequireWorkspaceRole(WorkspaceRole.Admin);
        pickup.MapGet("/", List).WithName("ListPickedUpMail").WithSummary("List the emails in the pickup folder");
        pickup.MapGet("/{name}", Read).WithName("ReadPickedUpMail").WithSummary("Read an email from the pickup folder");
    }

    private static Ok<IReadOnlyList<PickedUpMail>> List(MailPickupFolder folder, WorkspaceScope scope) =>
        TypedResults.Ok(folder.List(scope.WorkspaceId, MaxListed));

    private static Results<ContentHttpResult, NotFound> Read(string name, MailPickupFolder folder, WorkspaceScope scope, HttpContext http)
    {
        if (folder.Read(name, scope.WorkspaceId) is not { } raw)
        {
            return TypedResults.NotFound();
        }
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.Text(raw, "text/plain; charset=utf-8");
    }
}
