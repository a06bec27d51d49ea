using Microsoft.Extensions.FileProviders;

namespace Lookout.Host;

/// <summary>Serves the built admin SPA (spa/ beside the host) with index.html for its client-side routes.</summary>
internal static partial class AdminSpa
{
    public static void AddAdminSpa(this IServiceCollection services) =>
        services.Configure<RouteOptions>(options => options.SetParameterPolicy<SpaRouteConstraint>("spa"));

    public static void MapAdminSpa(this WebApplication app)
    {
        var root = app.Configuration["Spa:Root"] ?? Path.Combine(AppContext.BaseDirectory, "spa");
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            LogNotBuilt(app.Logger, root);
            return;
        }
        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        var index = Path.Combine(root, "index.html");
        // Every method, so that a POST to a page is a 404 rather than the router's 405.
        app.MapFallback("{**path:spa}", (HttpContext http) =>
            HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? Results.File(index, "text/html; charset=utf-8")
                : Results.NotFound());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The admin SPA is not built ({Root} has no index.html); build the host to build it.")]
    private static partial void LogNotBuilt(ILogger logger, string root);

    /// <summary>
    /// A page of the SPA: not under /api (an unknown API path stays a 404, and an API endpoint that refuses a request,
    /// e.g. with 415, is not replaced by the SPA) and not a file name (a missing asset stays a 404).
    /// </summary>
    private sealed class SpaRouteConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
        {
            var path = values.TryGetValue(routeKey, out var value) ? value?.ToString() ?? "" : "";
            return !path.StartsWith("api/", StringComparison.OrdinalIgnoreCase) && !path.Equals("api", StringComparison.OrdinalIgnoreCase)
                && !path.StartsWith("hubs/", StringComparison.OrdinalIgnoreCase)
                && !Path.HasExtension(path);
        }
    }
}
