using Microsoft.Extensions.Configuration;

namespace Lookout.Samples.Webhook.Tests;

public sealed class WebhookOptionsTests
{
    [Fact]
    public void Settings_are_read_from_the_plugin_s_section()
    {
        var options = WebhookOptions.From(Settings(("Secret", "0123456789abcdef"), ("Url", "https://hooks.example.com/in"), ("AllowPrivateNetworks", "true"), ("TimeoutSeconds", "3")));

        Assert.Equal(new Uri("https://hooks.example.com/in"), options.Url);
        Assert.True(options.AllowPrivateNetworks);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
    }

    [Theory]
    [InlineData("Secret", "short", "Secret")]
    [InlineData("Url", "ftp://example.com/", "Url")]
    [InlineData("AllowPrivateNetworks", "yes", "AllowPrivateNetworks")]
    [InlineData("TimeoutSeconds", "0", "TimeoutSeconds")]
    public void An_invalid_setting_is_refused_by_name(string key, string value, string named)
    {
        var settings = new List<(string, string)> { ("Secret", "0123456789abcdef") };
        settings.RemoveAll(s => s.Item1 == key);
        settings.Add((key, value));

        var error = Assert.Throws<InvalidOperationException>(() => WebhookOptions.From(Settings([.. settings])));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_is_required()
    {
        Assert.Throws<InvalidOperationException>(() => WebhookOptions.From(Settings()));
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
