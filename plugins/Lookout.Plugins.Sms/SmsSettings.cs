using System.ComponentModel;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lookout.Plugins.Sms;

/// <summary>Which request the gateway takes.</summary>
public enum SmsGatewayMode
{
    /// <summary><c>POST {BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>, form body To/From/Body, HTTP Basic auth.</summary>
    Twilio,

    /// <summary>A request to <see cref="SmsSettings.Url"/> whose body is <see cref="SmsSettings.BodyTemplate"/> with the placeholders filled in.</summary>
    Generic,
}

/// <summary>The body's format in generic mode; placeholders are encoded for it.</summary>
public enum SmsBodyFormat
{
    Json,
    Form,
}

/// <summary>The HTTP method in generic mode.</summary>
public enum SmsMethod
{
    Post,
    Put,
}

/// <summary>
/// The SMS plugin's settings (<c>Plugins:sms</c>, or saved by admins on the Plugins page). Whether the gateway may be
/// on a private network is the host's choice alone (<c>Plugins:sms:AllowPrivateNetworks</c>), not a runtime setting.
/// </summary>
public sealed partial class SmsSettings
{
    public const int MaxSegmentsLimit = 10;
    public const int MaxTimeoutSeconds = 120;
    public const string DefaultTemplate = """{"to": "{{to}}", "from": "{{from}}", "text": "{{body}}"}""";

    [Description("Twilio: Twilio's Messages API or a gateway that copies it. Generic: any gateway, with the URL and body template below.")]
    public SmsGatewayMode Mode { get; set; } = SmsGatewayMode.Twilio;

    [Description("Twilio mode: the API's address, https://api.twilio.com for Twilio itself.")]
    [DisplayName("Base URL")]
    public string BaseUrl { get; set; } = "https://api.twilio.com";

    [Description("Twilio mode: the account SID, also the user name of the request's Basic authentication.")]
    [DisplayName("Account SID")]
    public string AccountSid { get; set; } = "";

    [SecretSetting]
    [Description("Twilio mode: the account's auth token, the password of the request's Basic authentication.")]
    public string AuthToken { get; set; } = "";

    [Description("The sender: a number in E.164 form (+14155550100) or an alphanumeric sender ID of up to 11 characters.")]
    public string From { get; set; } = "";

    [Description("Generic mode: the gateway's URL (http or https).")]
    [DisplayName("URL")]
    public string Url { get; set; } = "";

    [Description("Generic mode: the HTTP method.")]
    public SmsMethod Method { get; set; } = SmsMethod.Post;

    [Description("Generic mode: JSON or form (application/x-www-form-urlencoded); the placeholders are encoded for it.")]
    public SmsBodyFormat BodyFormat { get; set; } = SmsBodyFormat.Json;

    [Description("Generic mode: the request body, with {{to}}, {{from}}, {{body}} and {{id}} (the notification's id, the same across retries).")]
    public string BodyTemplate { get; set; } = DefaultTemplate;

    [SecretSetting]
    [Description("Generic mode: extra request headers, e.g. an API key; kept secret.")]
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    [Description("The most segments one message may take (160 GSM-7 or 70 UCS-2 characters in one segment, 153 or 67 each when split); a longer message is cut to fit and ends with an ellipsis.")]
    public int MaxSegments { get; set; } = 3;

    [Description("How long the gateway may take to answer before the attempt is retried later.")]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>What is wrong with these settings, by property name.</summary>
    public static IEnumerable<SettingsError> Validate(SmsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var twilio = settings.Mode == SmsGatewayMode.Twilio;
        if ((twilio || settings.BaseUrl.Length > 0) && !GatewayUrl.TryParse(settings.BaseUrl, out _, out var baseProblem))
        {
            yield return new(nameof(BaseUrl), baseProblem);
        }
        if ((!twilio || settings.Url.Length > 0) && !GatewayUrl.TryParse(settings.Url, out _, out var urlProblem))
        {
            yield return new(nameof(Url), urlProblem);
        }
        if (twilio && !AccountSidPattern().IsMatch(settings.AccountSid))
        {
            yield return new(nameof(AccountSid), "Required: letters and digits, as Twilio shows it (AC...).");
        }
        if (twilio && string.IsNullOrEmpty(settings.AuthToken))
        {
            yield return new(nameof(AuthToken), "Required.");
        }
        if (settings.AuthToken.Any(char.IsControl))
        {
            yield return new(nameof(AuthToken), "On one line.");
        }
        if ((twilio || settings.From.Length > 0) && !PhoneNumber.IsE164(settings.From) && !SenderIdPattern().IsMatch(settings.From))
        {
            yield return new(nameof(From), "A number in E.164 form such as +14155550100, or a sender ID of 1 to 11 letters and digits.");
        }
        if (!twilio && string.IsNullOrWhiteSpace(settings.BodyTemplate))
        {
            yield return new(nameof(BodyTemplate), "Required.");
        }
        else if (!twilio && settings.BodyFormat == SmsBodyFormat.Json && !IsJson(SmsRequest.Fill(settings.BodyTemplate, SmsBodyFormat.Json, new("+14155550100", "+14155550199", "Sample \"text\"", "id-1"))))
        {
            yield return new(nameof(BodyTemplate), "Not JSON once the placeholders are filled in; write them inside strings, e.g. {\"to\": \"{{to}}\"}.");
        }
        if (settings.Headers.Any(h => !HeaderNamePattern().IsMatch(h.Key) || h.Value.Any(char.IsControl) || Reserved.Contains(h.Key)))
        {
            yield return new(nameof(Headers), "Header names are letters, digits and dashes (not Content-Type, Content-Length or Host); values are on one line.");
        }
        if (settings.MaxSegments is < 1 or > MaxSegmentsLimit)
        {
            yield return new(nameof(MaxSegments), $"From 1 to {MaxSegmentsLimit}.");
        }
        if (settings.TimeoutSeconds is < 1 or > MaxTimeoutSeconds)
        {
            yield return new(nameof(TimeoutSeconds), $"From 1 to {MaxTimeoutSeconds} seconds.");
        }
    }

    private static readonly HashSet<string> Reserved = new(["Content-Type", "Content-Length", "Host", "Transfer-Encoding"], StringComparer.OrdinalIgnoreCase);

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]{2,64}$")]
    private static partial Regex AccountSidPattern();

    [GeneratedRegex("^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$")]
    private static partial Regex SenderIdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
    private static partial Regex HeaderNamePattern();
}
