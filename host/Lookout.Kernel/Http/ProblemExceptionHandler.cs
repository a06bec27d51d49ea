using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Logging;

namespace Lookout.Kernel.Http;

/// <summary>
/// Turns request errors thrown by the framework into problem bodies: malformed JSON names the JSON path it broke at
/// (<c>$</c> for an empty or null body), a query or route value of the wrong type (<c>?page=two</c>) names its parameter,
/// oversized bodies get 413, a missing scope 401/404. Anything else is a 500 that is logged.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            LogUnhandled(httpContext.Request.Path, exception);
            return false;
        }
        httpContext.Response.StatusCode = bad.StatusCode;
        var json = FindJsonException(bad);
        if (json is not null)
        {
            var field = FieldName(json.Path);
            var result = FieldErrors.For(field, "Not valid JSON for this field" + (json.LineNumber is { } line ? $" (line {line + 1})." : "."));
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            await result.ExecuteAsync(httpContext).ConfigureAwait(false);
            return true;
        }
        if (BindFailure().Match(bad.Message) is { Success: true } failure)
        {
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            await FieldErrors.For(JsonNamingPolicy.CamelCase.ConvertName(failure.Groups["name"].Value), "Not a valid value for this field.")
                .ExecuteAsync(httpContext).ConfigureAwait(false);
            return true;
        }
        // Any other 400 on an endpoint that reads a JSON body means the body was empty or the literal null. The
        // middleware has already cleared the request's endpoint; the feature keeps it.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (bad.StatusCode == StatusCodes.Status400BadRequest && endpoint?.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
        {
            await FieldErrors.For("$", "A JSON object is required.").ExecuteAsync(httpContext).ConfigureAwait(false);
            return true;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : bad.Message,
            },
            Exception = exception,
        }).ConfigureAwait(false);
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }
        return null;
    }

    /// <summary><c>$.allowedOrigins[1]</c> → <c>allowedOrigins[1]</c>; the root is <c>$</c>.</summary>
    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>
    /// The framework's words for a value it could not convert: <c>Failed to bind parameter "int? PageSize" from "x".</c>
    /// (the parameter, or the property of an <c>[AsParameters]</c> type, in C# casing).
    /// </summary>
    [GeneratedRegex("""^Failed to bind parameter "[^"]+ (?<name>[A-Za-z_][A-Za-z0-9_]*)" from ".*"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private partial void LogUnhandled(string path, Exception exception);
}
