using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lookout.Plugins.Sms;

/// <summary>What one SMS says: to, from, body, and the notification's id.</summary>
internal sealed record SmsMessage(string To, string From, string Body, string Id);

/// <summary>Builds the gateway's HTTP request for a message, in Twilio's shape or from the generic template.</summary>
internal static partial class SmsRequest
{
    /// <summary>Twilio's idempotency header: a retry with the same token is not sent twice.</summary>
    public const string TwilioIdempotencyHeader = "I-Twilio-Idempotency-Token";

    public static HttpRequestMessage Build(SmsSettings settings, SmsMessage message) =>
        settings.Mode == SmsGatewayMode.Twilio ? Twilio(settings, message) : Generic(settings, message);

    /// <summary>The Twilio Messages URL for <paramref name="settings"/>.</summary>
    public static Uri TwilioUrl(SmsSettings settings) =>
        new($"{settings.BaseUrl.Trim().TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid)}/Messages.json");

    /// <summary>
    /// <paramref name="template"/> with <c>{{to}}</c>, <c>{{from}}</c>, <c>{{body}}</c> and <c>{{id}}</c> replaced in one
    /// pass (so a body containing a placeholder stays as written), each encoded for <paramref name="format"/>: JSON
    /// string escapes, or form URL encoding.
    /// </summary>
    public static string Fill(string template, SmsBodyFormat format, SmsMessage message) =>
        Placeholder().Replace(template, match =>
        {
            var value = match.Groups[1].Value.ToLowerInvariant() switch
            {
                "to" => message.To,
                "from" => message.From,
                "body" => message.Body,
                _ => message.Id,
            };
            return format == SmsBodyFormat.Json ? JsonEncodedText.Encode(value).Value : Uri.EscapeDataString(value);
        });

    private static HttpRequestMessage Twilio(SmsSettings settings, SmsMessage message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, TwilioUrl(settings))
        {
            Content = new FormUrlEncodedContent([new("To", message.To), new("From", message.From), new("Body", message.Body)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
        request.Headers.TryAddWithoutValidation(TwilioIdempotencyHeader, message.Id);
        return request;
    }

    private static HttpRequestMessage Generic(SmsSettings settings, SmsMessage message)
    {
        var mediaType = settings.BodyFormat == SmsBodyFormat.Json ? "application/json" : "application/x-www-form-urlencoded";
        var request = new HttpRequestMessage(settings.Method == SmsMethod.Put ? HttpMethod.Put : HttpMethod.Post, new Uri(settings.Url.Trim()))
        {
            Content = new StringContent(Fill(settings.BodyTemplate, settings.BodyFormat, message), Encoding.UTF8, mediaType),
        };
        foreach (var (name, value) in settings.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    [GeneratedRegex(@"\{\{\s*(to|from|body|id)\s*\}\}", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();
}
