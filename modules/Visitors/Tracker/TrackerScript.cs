using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Lookout.Visitors.Tracker;

/// <summary>Serves <c>/lookout.js</c> from the module's embedded copy, gzipped once at start-up, cached by browsers for an hour.</summary>
internal static class TrackerScript
{
    private static readonly Lazy<(byte[] Plain, byte[] Gzipped, string ETag)> Script = new(Load);

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/lookout.js", Serve).ExcludeFromDescription();

    private static IResult Serve(HttpContext http)
    {
        var (plain, gzipped, etag) = Script.Value;
        var headers = http.Response.Headers;
        headers[HeaderNames.CacheControl] = "public, max-age=3600";
        headers[HeaderNames.ETag] = etag;
        headers[HeaderNames.Vary] = "Accept-Encoding";
        headers["X-Content-Type-Options"] = "nosniff";
        if (http.Request.Headers.IfNoneMatch == etag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        if (http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            headers[HeaderNames.ContentEncoding] = "gzip";
            return Results.Bytes(gzipped, "text/javascript; charset=utf-8");
        }
        return Results.Bytes(plain, "text/javascript; charset=utf-8");
    }

    private static (byte[], byte[], string) Load()
    {
        using var stream = typeof(TrackerScript).Assembly.GetManifestResourceStream("tracker/lookout.js")
            ?? throw new InvalidOperationException("lookout.js is not embedded in the Visitors module.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var plain = buffer.ToArray();
        using var zipped = new MemoryStream();
        using (var gzip = new GZipStream(zipped, CompressionLevel.SmallestSize))
        {
            gzip.Write(plain);
        }
        return (plain, zipped.ToArray(), $"\"{Convert.ToHexString(SHA256.HashData(plain))[..16]}\"");
    }
}
