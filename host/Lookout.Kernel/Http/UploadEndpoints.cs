using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Kernel.Http;

public static class UploadEndpoints
{
    /// <summary>
    /// A POST whose raw body is a file of <paramref name="contentType"/> (e.g. <c>text/csv</c>); a body of any other
    /// type is a 415 problem.
    /// </summary>
    /// <remarks>
    /// The router alone would answer 404: the SPA's catch-all route is still a candidate when the content type rules the
    /// upload out, and only then is refused by its constraint. A second route on the same path, ordered after the
    /// upload and left out of the OpenAPI document, answers what the upload does not take.
    /// </remarks>
    public static RouteHandlerBuilder MapUpload(this IEndpointRouteBuilder endpoints, string pattern, string contentType, Delegate handler)
    {
        endpoints.MapPost(pattern, () => TypedResults.Problem(
                title: "Unsupported media type.",
                detail: $"Send the file as the raw body, with Content-Type: {contentType}.",
                statusCode: StatusCodes.Status415UnsupportedMediaType))
            .WithOrder(1)
            .ExcludeFromDescription();
        return endpoints.MapPost(pattern, handler).Accepts<Stream>(contentType);
    }
}
