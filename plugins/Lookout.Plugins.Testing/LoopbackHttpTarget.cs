using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Lookout.Plugins.Testing;

/// <summary>One HTTP request a <see cref="LoopbackHttpTarget"/> received.</summary>
/// <param name="Method">The request method, e.g. <c>POST</c>.</param>
/// <param name="Path">The path, e.g. <c>/accept</c>.</param>
/// <param name="Headers">Its headers (the last value of each), names compared without case.</param>
/// <param name="Body">Its body's bytes.</param>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// A real HTTP server on loopback for the tests of HTTP channels (webhooks, SMS gateways): each path answers in a set
/// way, and every request is recorded. A channel under test must be allowed to reach private networks to call it.
/// </summary>
/// <remarks>
/// Paths: <c>/accept</c> answers 200, <c>/transient</c> 503, <c>/permanent</c> 400, <c>/hang</c> never answers,
/// <c>/status/{code}</c> answers that code (with <c>Retry-After: 7</c> for 429 and 503), and
/// <c>/redirect?to={url}</c> answers 302 to that URL. Paths below these answer the same (<c>/status/500/any/path</c>
/// answers 500), so that a channel that appends its own path to a base URL (an SMS gateway's API) can be pointed at them.
/// </remarks>
public sealed class LoopbackHttpTarget : IDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    /// <summary>Starts listening on a free port of 127.0.0.1.</summary>
    public LoopbackHttpTarget()
    {
        (_listener, BaseAddress) = Listen();
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<ReceivedRequest> Received => _received.ToList();

    /// <summary>The URL that answers as <paramref name="behaviour"/> says.</summary>
    /// <param name="behaviour">How the answer should be.</param>
    public Uri UrlFor(TargetBehaviour behaviour) => new(BaseAddress, behaviour switch
    {
        TargetBehaviour.Accept => "accept",
        TargetBehaviour.FailTransiently => "transient",
        TargetBehaviour.FailPermanently => "permanent",
        TargetBehaviour.Hang => "hang",
        _ => throw new ArgumentOutOfRangeException(nameof(behaviour)),
    });

    /// <summary>The URL that answers <paramref name="statusCode"/>.</summary>
    /// <param name="statusCode">An HTTP status code.</param>
    public Uri UrlForStatus(int statusCode) => new(BaseAddress, $"status/{statusCode.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Stops the server; requests still hanging are dropped.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Close();
        _stopping.Dispose();
    }

    private static (HttpListener, Uri) Listen()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 60_000);
            var prefix = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return (listener, new Uri(prefix));
            }
            catch (HttpListenerException) when (attempt < 50)
            {
                listener.Close();
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body).ConfigureAwait(false);
        var headers = request.Headers.AllKeys.Where(k => k is not null)
            .ToDictionary(k => k!, k => request.Headers.GetValues(k!)!.Last(), StringComparer.OrdinalIgnoreCase);
        var path = request.Url!.AbsolutePath;
        _received.Enqueue(new ReceivedRequest(request.HttpMethod, path, headers, body.ToArray()));

        var response = context.Response;
        try
        {
            switch (path.Trim('/').Split('/'))
            {
                case ["accept", ..]:
                    response.StatusCode = 200;
                    break;
                case ["transient", ..]:
                    response.StatusCode = 503;
                    break;
                case ["permanent", ..]:
                    response.StatusCode = 400;
                    break;
                case ["hang", ..]:
                    await Task.Delay(Timeout.Infinite, _stopping.Token).ConfigureAwait(false);
                    break;
                case ["status", var code, ..] when int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var status):
                    response.StatusCode = status;
                    if (status is 429 or 503)
                    {
                        response.AddHeader("Retry-After", "7");
                    }
                    break;
                case ["redirect"] when request.QueryString["to"] is { } to:
                    response.StatusCode = 302;
                    response.RedirectLocation = to;
                    break;
                default:
                    response.StatusCode = 404;
                    break;
            }
            response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
            response.Abort();
        }
    }
}
