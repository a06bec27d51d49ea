namespace Lookout.Plugins.Tests.Sdk;

public sealed class PluginManifestTests
{
    [Fact]
    public void A_manifest_is_read_with_its_optional_fields_defaulted()
    {
        var manifest = PluginManifest.Parse("""
            // comments and trailing commas are allowed
            { "id": "acme-teams", "version": "2.1.0", "sdkVersion": "1.0", "assembly": "Acme.Teams.dll", }
            """);

        Assert.Equal(new PluginManifest("acme-teams", "2.1.0", new Version(1, 0), "Acme.Teams.dll", "acme-teams", ""), manifest);
    }

    [Theory]
    [InlineData("1.0", true)]
    [InlineData("1.0.3", true)]
    [InlineData("1.1", false)]
    [InlineData("2.0", false)]
    [InlineData("0.9", false)]
    public void The_host_takes_plugins_of_its_major_version_up_to_its_minor(string required, bool supported)
    {
        Assert.Equal(new Version(1, 0, 0), LookoutSdk.Version);
        Assert.Equal(supported, LookoutSdk.Supports(Version.Parse(required)));
    }
}
