using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Lookout.Kernel.Http;

/// <summary>
/// A body in a charset this host cannot decode is refused with 415 before anything reads it: the framework's JSON
/// reader would otherwise throw from inside parameter binding, a 500 for what is the client's mistake.
/// </summary>
internal sealed class RequestCharsetMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // Parsed as the JSON reader parses it, so that what passes here is what it can decode.
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) && type.Charset is { HasValue: true, Length: > 0 } charset
            && !IsKnown(charset.ToString()))
        {
            return TypedResults.Problem(
                title: "The request's charset is not supported.",
                detail: $"Send the body as UTF-8 (charset \"{Shorten(charset.ToString())}\" is unknown).",
                statusCode: StatusCodes.Status415UnsupportedMediaType).ExecuteAsync(context);
        }
        return next(context);
    }

    private static bool IsKnown(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
