using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lookout.Kernel.Http;

/// <summary>
/// Headers every response carries: a strict Content-Security-Policy (the admin SPA's; an endpoint marked with
/// <see cref="ContentSecurityPolicyExtensions.WithContentSecurityPolicy{TBuilder}"/> gets its own instead), no framing,
/// no MIME sniffing, referrers only to this origin, and HSTS on HTTPS requests.
/// </summary>
/// <remarks>
/// The headers are added when the response starts, so that they are there whoever writes it: an endpoint, the static
/// files, the status-code pages or the exception handler. No Cross-Origin-Resource-Policy is sent: customers' sites
/// load <c>/lookout.js</c> from other origins.
/// </remarks>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>
    /// The SPA's policy: scripts, styles, fonts and fetches from this origin only (inline scripts and &lt;style&gt;
    /// elements refused; React's style attributes are set through the DOM, which style-src does not govern), images
    /// also as data: URLs, the SignalR hubs over WebSockets to this host, never framed, no plugins, no base or form
    /// target elsewhere.
    /// </summary>
    public const string DefaultPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' {websockets}; "
        + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>A year, with subdomains left out: Lookout is often one host among others of its domain.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            var policy = http.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicyMetadata>()?.Policy ?? DefaultPolicy;
            headers.ContentSecurityPolicy = policy.Replace("{websockets}", WebSocketSources(http.Request), StringComparison.Ordinal);
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            if (http.Request.IsHttps)
            {
                headers.StrictTransportSecurity = StrictTransportSecurity;
            }
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    /// <summary>
    /// This host over ws: and wss:, spelled out because 'self' covers WebSockets only in browsers that follow CSP 3.
    /// A Host header with anything but a host name, an address and a port adds nothing, so it cannot add a directive.
    /// </summary>
    private static string WebSocketSources(HttpRequest request)
    {
        var host = request.Host.Value;
        return !string.IsNullOrEmpty(host) && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']')
            ? $"ws://{host} wss://{host}"
            : "";
    }
}

/// <summary>An endpoint's own Content-Security-Policy, in place of <see cref="SecurityHeadersMiddleware.DefaultPolicy"/>.</summary>
/// <param name="Policy">The policy; <c>{websockets}</c> stands for this host over ws: and wss:.</param>
public sealed record ContentSecurityPolicyMetadata(string Policy);

public static class ContentSecurityPolicyExtensions
{
    /// <summary>Answers this endpoint with <paramref name="policy"/> as its Content-Security-Policy (for pages that are not the SPA).</summary>
    public static TBuilder WithContentSecurityPolicy<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policy);
        return builder.WithMetadata(new ContentSecurityPolicyMetadata(policy));
    }
}
