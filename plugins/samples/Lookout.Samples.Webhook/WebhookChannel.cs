using System.Net.Http.Headers;
using Lookout.Plugins;
using Lookout.Plugins.Http;

namespace Lookout.Samples.Webhook;

/// <summary>
/// The <c>webhook</c> channel: POSTs the notification as JSON to the recipient's address (an http or https URL), or
/// to the configured URL when the address is empty, signed (see <see cref="WebhookSignature"/>). 2xx is delivered;
/// 408, 429, 5xx, timeouts and network errors are transient; other answers, bad URLs and refused targets are permanent.
/// </summary>
public sealed class WebhookChannel : IChannel, IDisposable
{
    public const string IdempotencyKeyHeader = "Lookout-Idempotency-Key";

    private readonly WebhookOptions _options;
    private readonly TimeProvider _clock;
    private readonly HttpClient _http;

    public WebhookChannel(WebhookOptions options, TimeProvider clock)
        : this(options, clock, OutboundHttp.CreateHandler(options?.AllowPrivateNetworks ?? false))
    {
    }

    /// <summary>For tests: a handler with its own rule of which addresses may be reached.</summary>
    internal WebhookChannel(WebhookOptions options, TimeProvider clock, HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _clock = clock;
        // The attempt's own timeout is applied per request, so that it can be told apart from the caller's cancellation.
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Lookout-Webhook/1.0");
    }

    public string Name => "webhook";

    public async Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        cancellationToken.ThrowIfCancellationRequested();
        var url = _options.Url;
        if (!string.IsNullOrWhiteSpace(notification.Recipient.Address) && !WebhookTarget.TryParse(notification.Recipient.Address, out url, out var problem))
        {
            return DeliveryResult.Permanent(problem);
        }
        if (url is null)
        {
            return DeliveryResult.Permanent("The recipient has no webhook URL and none is configured.");
        }
        if (notification.Id.Any(char.IsControl))
        {
            return DeliveryResult.Permanent("The notification id cannot be sent in a header.");
        }

        var body = WebhookPayload.Serialize(notification);
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(_options.Secret, timestamp, body));
        request.Headers.Add(IdempotencyKeyHeader, notification.Id);

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
            return DeliveryResult.FromHttpStatus((int)response.StatusCode, RetryAfter(response.Headers.RetryAfter));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"{url.Host} did not answer within {_options.Timeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException e) when (OutboundTargetRefusedException.FindIn(e) is { } refused)
        {
            return DeliveryResult.Permanent(refused.Message);
        }
        catch (HttpRequestException e)
        {
            return DeliveryResult.Transient($"{url.Host} could not be reached: {e.Message}");
        }
    }

    public void Dispose() => _http.Dispose();

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - _clock.GetUtcNow() : null);
}
