namespace Lookout.Plugins.Email.Tests.Settings;

public sealed class EmailSettingsTests
{
    [Fact]
    public void The_defaults_write_to_the_pickup_folder_and_are_valid()
    {
        var settings = new EmailSettings();

        Assert.Equal("", settings.Host);
        Assert.Empty(EmailSettings.Validate(settings));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-25)]
    [InlineData(65536)]
    public void A_port_outside_1_to_65535_is_refused(int port)
    {
        Assert.Equal([nameof(EmailSettings.Port)], Fields(new EmailSettings { Port = port }));
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("Ann <ann@example.com>")]
    [InlineData("ann@example.com\r\nBcc: eve@example.com")]
    [InlineData("")]
    public void A_from_address_that_is_not_one_address_is_refused(string from)
    {
        Assert.Equal([nameof(EmailSettings.FromAddress)], Fields(new EmailSettings { FromAddress = from }));
    }

    [Fact]
    public void Other_settings_are_checked_by_name()
    {
        Assert.Equal([nameof(EmailSettings.Host)], Fields(new EmailSettings { Host = "smtp example com" }));
        Assert.Equal([nameof(EmailSettings.TimeoutSeconds)], Fields(new EmailSettings { TimeoutSeconds = 0 }));
        Assert.Equal([nameof(EmailSettings.UserName)], Fields(new EmailSettings { Password = "secret" }));
        Assert.Equal([nameof(EmailSettings.FromDisplayName)], Fields(new EmailSettings { FromDisplayName = "Lookout\r\nBcc: x" }));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.0.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("[fe80::1]")]
    [InlineData("fd00::1")]
    [InlineData("ff02::1")]
    public void A_host_written_as_a_non_public_address_is_refused_unless_private_networks_are_allowed(string host)
    {
        var settings = new EmailSettings { Host = host };

        var error = Assert.Single(EmailSettings.Validate(settings));
        Assert.Equal(nameof(EmailSettings.Host), error.Field);
        Assert.Contains("private", error.Message, StringComparison.Ordinal);
        Assert.Empty(EmailSettings.Validate(settings, allowPrivateNetworks: true));
    }

    [Theory]
    [InlineData("smtp.example.com")]
    [InlineData("203.0.113.25")]
    [InlineData("2001:4860:4860::8888")]
    public void A_public_address_or_a_host_name_is_accepted(string host)
    {
        Assert.Empty(EmailSettings.Validate(new EmailSettings { Host = host }));
    }

    private static IEnumerable<string> Fields(EmailSettings settings) => EmailSettings.Validate(settings).Select(e => e.Field);
}
