using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Lookout.Kernel.Http;

/// <summary>Every unsafe method under <c>/api</c> must carry the antiforgery header the SPA got from <c>/api/workspaces/antiforgery</c>.</summary>
public sealed class AntiforgeryMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string FailureTitle = "Antiforgery token validation failed";
    public const string HeaderName = "X-XSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && !await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            await TypedResults.Problem(
                title: FailureTitle,
                detail: "Send the X-XSRF-TOKEN header from GET /api/workspaces/antiforgery.",
                statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    }
}
