using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lookout.Kernel.Http;

/// <summary>
/// Marks an endpoint that never looks at who is signed in (what tracked sites' browsers call, such as
/// <c>/collect</c>): the authentication middleware does not run for it, so it reads no cookie and builds no principal.
/// </summary>
public sealed class WithoutAuthenticationMetadata
{
    public static readonly WithoutAuthenticationMetadata Instance = new();

    private WithoutAuthenticationMetadata()
    {
    }

    /// <summary>True unless the request's endpoint carries the mark (requests without an endpoint are authenticated).</summary>
    public static bool Authenticates(HttpContext context) =>
        context?.GetEndpoint()?.Metadata.GetMetadata<WithoutAuthenticationMetadata>() is null;
}

public static class WithoutAuthenticationExtensions
{
    /// <summary>Anonymous, and not authenticated at all: <see cref="HttpContext.User"/> stays empty whatever the request carries.</summary>
    public static TBuilder WithoutAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(WithoutAuthenticationMetadata.Instance, new AllowAnonymousAttribute());
}
