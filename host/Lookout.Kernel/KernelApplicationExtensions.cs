using Lookout.Kernel.Http;
using Lookout.Kernel.Metrics;
using Lookout.Kernel.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel;

public static class KernelApplicationExtensions
{
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    /// <summary>
    /// The admin API's middleware: security headers on every response, problem bodies for errors, 415 for a body in an unknown charset, authentication (except for endpoints marked
    /// <see cref="WithoutAuthenticationExtensions.WithoutAuthentication{TBuilder}"/>), authorization, antiforgery.
    /// </summary>
    public static IApplicationBuilder UseLookoutApi(this IApplicationBuilder app)
    {
        // First, so that every response gets the headers, the exception handler's and the static files' included.
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestCharsetMiddleware>();
        app.UseWhen(WithoutAuthenticationMetadata.Authenticates, static branch => branch.UseAuthentication());
        // WebApplication adds its own UseAuthentication in front unless this key is set, and UseAuthentication sets it
        // only on the branch's builder: without it every request would be authenticated, marked or not (a test holds it).
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<AntiforgeryMiddleware>();
        return app;
    }

    /// <summary>Maps <c>/health</c>, <c>/metrics</c>, <c>/api/modules</c>, each module's endpoints on <c>/api/&lt;module&gt;</c> and its public ones.</summary>
    public static IEndpointRouteBuilder MapLookoutModules(this IEndpointRouteBuilder endpoints)
    {
        var catalog = endpoints.ServiceProvider.GetRequiredService<ModuleCatalog>();
        endpoints.MapHealthChecks("/health");
        endpoints.MapLookoutMetrics();
        endpoints.MapGet("/api/modules", () => TypedResults.Ok(catalog.Modules.Select((m, i) => new ModuleInfo(m.Name, m.Title, i, m.DependsOn))))
            .WithName("ListModules").WithSummary("List the modules this host runs").WithTags("Modules");
        foreach (var module in catalog.Modules)
        {
            var group = endpoints.MapGroup($"/api/{module.Name}").WithTags(module.Title);
            module.MapEndpoints(group);
            module.MapPublicEndpoints(endpoints);
        }
        return endpoints;
    }

    /// <summary>A loaded module as the admin SPA sees it: <paramref name="Order"/> is its place in the dependency order.</summary>
    public sealed record ModuleInfo(string Name, string Title, int Order, IReadOnlyList<string> DependsOn);
}
