using Microsoft.Extensions.FileProviders;

namespace Lookout.Host;

/// <summary>Serves the built admin SPA (spa/ beside the host) with index.html for its client-side routes.</summary>
internal static partial class AdminSpa
{
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
        // Unknown /api paths stay 404s; every other path is a page of the SPA.
        app.MapFallback("/api/{**path}", () => TypedResults.NotFound());
        app.MapFallbackToFile("{**path:nonfile}", "index.html", new StaticFileOptions { FileProvider = files });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The admin SPA is not built ({Root} has no index.html); build the host to build it.")]
    private static partial void LogNotBuilt(ILogger logger, string root);
}
