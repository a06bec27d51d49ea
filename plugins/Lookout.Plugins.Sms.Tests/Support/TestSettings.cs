namespace Lookout.Plugins.Sms.Tests.Support;

/// <summary>Settings a test sets, and may change between attempts.</summary>
public sealed class TestSettings(SmsSettings current) : IPluginSettings<SmsSettings>
{
    public SmsSettings Current { get; set; } = current;

    public static SmsSettings Twilio(Uri baseUrl) => new()
    {
        Mode = SmsGatewayMode.Twilio,
        BaseUrl = baseUrl.ToString(),
        AccountSid = "AC0123456789abcdef",
        AuthToken = "token-0123456789",
        From = "+14155550100",
    };

    public static SmsSettings Generic(Uri url, SmsBodyFormat format = SmsBodyFormat.Json, string? template = null) => new()
    {
        Mode = SmsGatewayMode.Generic,
        Url = url.ToString(),
        BodyFormat = format,
        BodyTemplate = template ?? SmsSettings.DefaultTemplate,
        From = "Lookout",
    };
}
