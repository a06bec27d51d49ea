using Lookout.Plugins.Sms.Tests.Support;

namespace Lookout.Plugins.Sms.Tests.Settings;

public sealed class SmsSettingsTests
{
    private static readonly Uri Gateway = new("https://api.twilio.com");

    [Fact]
    public void Complete_twilio_and_generic_settings_are_valid()
    {
        Assert.Empty(SmsSettings.Validate(TestSettings.Twilio(Gateway)));
        Assert.Empty(SmsSettings.Validate(TestSettings.Generic(new Uri("https://sms.example.com/send"))));
    }

    [Fact]
    public void Twilio_mode_needs_its_account_token_and_sender()
    {
        Assert.Equal(["AccountSid", "AuthToken", "From"], Fields(new SmsSettings()));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("api.twilio.com")]
    [InlineData("ftp://api.twilio.com")]
    [InlineData("https://user:secret@api.twilio.com")]
    [InlineData("")]
    public void A_malformed_base_url_is_refused(string url)
    {
        var settings = TestSettings.Twilio(Gateway);
        settings.BaseUrl = url;

        Assert.Equal(["BaseUrl"], Fields(settings));
    }

    [Fact]
    public void Generic_mode_checks_its_url_template_and_headers()
    {
        var settings = TestSettings.Generic(new Uri("https://sms.example.com/send"));
        settings.Url = "/relative";
        settings.BodyTemplate = """{"to": {{to}}}""";
        settings.Headers["Bad Header"] = "x";

        Assert.Equal(["Url", "BodyTemplate", "Headers"], Fields(settings));
    }

    [Fact]
    public void Numbers_are_checked()
    {
        var settings = TestSettings.Twilio(Gateway);
        settings.From = "0612345678";
        settings.MaxSegments = 0;
        settings.TimeoutSeconds = 500;

        Assert.Equal(["From", "MaxSegments", "TimeoutSeconds"], Fields(settings));
    }

    private static List<string> Fields(SmsSettings settings) => SmsSettings.Validate(settings).Select(e => e.Field).ToList();
}
