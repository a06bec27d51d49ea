using System.Net.Http.Headers;
using Lookout.Plugins.Http;

namespace Lookout.Plugins.Sms;

/// <summary>Whether the gateway may be on a loopback, private or link-local network: the host's configuration alone decides.</summary>
/// <param name="AllowPrivateNetworks">From <c>Plugins:sms:AllowPrivateNetworks</c>; false by default.</param>
public sealed record SmsNetwork(bool AllowPrivateNetworks);

/// <summary>
/// The <c>sms</c> channel: one text message per recipient (an E.164 number) through the configured HTTP gateway. The
/// message is the notification's text body (its subject when the body is blank), cut to <see cref="SmsSettings.MaxSegments"/>
/// segments with an ellipsis when longer: an alert is better short than not sent.
/// </summary>
/// <remarks>
/// 2xx is delivered; 408, 429 and 5xx, timeouts and network errors are transient (with the gateway's Retry-After);
/// other answers, a bad number, missing settings and a refused (private) gateway are permanent.
/// </remarks>
public sealed class SmsChannel : IChannel, IDisposable
{
    private const int MaxReasonBody = 300;

    private readonly IPluginSettings<SmsSettings> _settings;
    private readonly TimeProvider _clock;
    private readonly HttpClient _http;

    public SmsChannel(IPluginSettings<SmsSettings> settings, SmsNetwork network, TimeProvider clock)
        : this(settings, clock, OutboundHttp.CreateHandler(network?.AllowPrivateNetworks ?? false, maxRedirects: 0))
    {
    }

    /// <summary>For tests: a handler with its own rule of which addresses may be reached.</summary>
    internal SmsChannel(IPluginSettings<SmsSettings> settings, TimeProvider clock, HttpMessageHandler handler)
    {
        _settings = settings;
        _clock = clock;
        // The attempt's own timeout is applied per request, so that it can be told apart from the caller's cancellation.
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Lookout-Sms/1.0");
    }

    public string Name => "sms";

    public async Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        cancellationToken.ThrowIfCancellationRequested();
        var settings = _settings.ForWorkspace(notification.WorkspaceId); // each workspace its own gateway, or the installation's
        var to = notification.Recipient.Address?.Trim() ?? "";
        if (!PhoneNumber.IsE164(to))
        {
            return DeliveryResult.Permanent($"'{Shown(to)}' is not a mobile number in E.164 form such as +14155550100.");
        }
        if (SmsSettings.Validate(settings).FirstOrDefault() is { } problem)
        {
            return DeliveryResult.Permanent($"The SMS plugin is not configured: {problem.Field}: {problem.Message} Fix it on the Plugins page.");
        }
        if (notification.Id.Any(char.IsControl))
        {
            return DeliveryResult.Permanent("The notification id cannot be sent in a header.");
        }

        var text = string.IsNullOrWhiteSpace(notification.TextBody) ? notification.Subject : notification.TextBody;
        var message = new SmsMessage(to, settings.From, SmsLength.Truncate(text.Trim(), settings.MaxSegments), notification.Id);
        using var request = SmsRequest.Build(settings, message);
        var host = request.RequestUri!.Host;
        var timeout = TimeSpan.FromSeconds(Math.Clamp(settings.TimeoutSeconds, 1, SmsSettings.MaxTimeoutSeconds));
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var result = DeliveryResult.FromHttpStatus(status, RetryAfter(response.Headers.RetryAfter));
            if (result.IsDelivered)
            {
                return result;
            }
            var said = await ReadSomeAsync(response, attempt.Token).ConfigureAwait(false);
            return result with { Reason = $"The gateway {host} answered HTTP {status}" + (said.Length > 0 ? $": {said}" : ".") };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"The gateway {host} did not answer within {timeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException e) when (OutboundTargetRefusedException.FindIn(e) is { } refused)
        {
            return DeliveryResult.Permanent(refused.Message);
        }
        catch (HttpRequestException e)
        {
            return DeliveryResult.Transient($"The gateway {host} could not be reached: {e.Message}");
        }
    }

    public void Dispose() => _http.Dispose();

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var buffer = new char[MaxReasonBody];
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            var read = await reader.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Shown(new string(buffer, 0, read));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return "";
        }
    }

    /// <summary>Text for the delivery log: on one line, bounded.</summary>
    private static string Shown(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        line = new string(line.Where(c => !char.IsControl(c)).ToArray());
        return line.Length > MaxReasonBody ? line[..MaxReasonBody] : line;
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - _clock.GetUtcNow() : null);
}
