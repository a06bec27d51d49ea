using Lookout.Kernel.Plugins;
using Lookout.Plugins.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Plugins.Tests.Loading;

/// <summary>The loader on its own: each way a plugin can be broken marks that plugin failed with a reason, and nothing throws.</summary>
public sealed class PluginLoaderTests : IDisposable
{
    private readonly PluginFolders _folders = new();

    [Fact]
    public void A_missing_plugins_folder_means_no_plugins()
    {
        var (catalog, _) = Load(folder: Path.Combine(_folders.Path, "not-there"));

        Assert.Empty(catalog.Plugins);
    }

    [Fact]
    public void A_folder_without_plugin_json_is_failed()
    {
        Directory.CreateDirectory(Path.Combine(_folders.Path, "stray"));

        var plugin = Assert.Single(Load().Catalog.Plugins);

        Assert.Equal(("stray", PluginStatus.Failed, PluginSource.Folder), (plugin.Id, plugin.Status, plugin.Source));
        Assert.Equal("The folder has no plugin.json.", plugin.Reason);
    }

    [Theory]
    [InlineData("{ not json", "plugin.json is not valid JSON")]
    [InlineData("[]", "plugin.json is not valid JSON")]
    [InlineData("""{"id":"x","version":"1.0.0","assembly":"X.dll"}""", "plugin.json: 'sdkVersion' is required.")]
    [InlineData("""{"id":"Bad Id","version":"1.0.0","sdkVersion":"1.0","assembly":"X.dll"}""", "plugin.json: id 'Bad Id' must be")]
    [InlineData("""{"id":"x","version":"1.0.0","sdkVersion":"one","assembly":"X.dll"}""", "plugin.json: sdkVersion 'one' is not a version")]
    [InlineData("""{"id":"x","version":"1.0.0","sdkVersion":"1.0","assembly":"../host/Lookout.Kernel.dll"}""", "plugin.json: assembly '../host/Lookout.Kernel.dll' must be the file name")]
    public void An_invalid_plugin_json_is_failed_with_what_is_wrong(string manifest, string reason)
    {
        _folders.Add("broken", manifest);

        var plugin = Assert.Single(Load().Catalog.Plugins);

        Assert.Equal(PluginStatus.Failed, plugin.Status);
        Assert.StartsWith(reason, plugin.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_whose_assembly_is_missing_is_failed()
    {
        _folders.Add("ghost", new { id = "ghost", version = "1.0.0", sdkVersion = "1.0", assembly = "Ghost.dll" });

        var plugin = Assert.Single(Load().Catalog.Plugins);

        Assert.Equal(("ghost", PluginStatus.Failed), (plugin.Id, plugin.Status));
        Assert.Equal("Ghost.dll, named in plugin.json, is not in the plugin's folder.", plugin.Reason);
    }

    [Fact]
    public void A_corrupt_assembly_is_failed()
    {
        _folders.Add("corrupt", new { id = "corrupt", version = "1.0.0", sdkVersion = "1.0", assembly = "Corrupt.dll" }, ("Corrupt.dll", "MZ this is not a PE file"u8.ToArray()));

        var plugin = Assert.Single(Load().Catalog.Plugins);

        Assert.Equal(PluginStatus.Failed, plugin.Status);
        Assert.Equal("Corrupt.dll is not a valid .NET assembly.", plugin.Reason);
    }

    [Theory]
    [InlineData("99.0")]
    [InlineData("1.7")]
    [InlineData("0.9")]
    public void A_plugin_for_another_sdk_is_failed_before_its_assembly_is_loaded(string sdkVersion)
    {
        _folders.Add("other-sdk", new { id = "other-sdk", version = "1.0.0", sdkVersion, assembly = "Missing.dll" });

        var plugin = Assert.Single(Load().Catalog.Plugins);

        Assert.Equal(PluginStatus.Failed, plugin.Status);
        Assert.StartsWith($"It was built for SDK {sdkVersion}; this host provides SDK 1.0", plugin.Reason, StringComparison.Ordinal);
        Assert.Equal(sdkVersion, plugin.SdkVersion);
    }

    [Fact]
    public void A_plugin_whose_dependency_is_missing_is_failed_naming_it()
    {
        var built = PluginFolders.PublishFixture("NeedsGoneLibrary");
        try
        {
            File.Delete(Path.Combine(_folders.Copy(built, "needs-gone-library"), "GoneLibrary.dll"));

            var plugin = Assert.Single(Load().Catalog.Plugins);

            Assert.Equal(("needs-gone-library", PluginStatus.Failed), (plugin.Id, plugin.Status));
            Assert.StartsWith("NeedsGoneLibrary.dll needs GoneLibrary, Version=1.0.0.0", plugin.Reason, StringComparison.Ordinal);
            Assert.EndsWith("which is in neither the plugin's folder nor the host.", plugin.Reason, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(built, recursive: true);
        }
    }

    [Fact]
    public void A_built_in_plugin_registers_through_the_same_path_and_its_channel_is_found_by_name()
    {
        var (catalog, services) = Load(builtIn: true);

        var plugin = Assert.Single(catalog.Plugins);
        Assert.Equal(("test-built-in", PluginSource.BuiltIn, PluginStatus.Loaded, "0.1.0", "1.0"), (plugin.Id, plugin.Source, plugin.Status, plugin.Version, plugin.SdkVersion));
        Assert.Equal(["echo"], plugin.Channels);
        Assert.Equal(["txt"], plugin.AttachmentRenderers);
        Assert.IsType<EchoChannel>(services.GetRequiredService<IChannelRegistry>().Find("echo"));
        Assert.Equal(["echo"], services.GetRequiredService<IChannelRegistry>().Names);
        Assert.IsType<TextRenderer>(services.GetRequiredService<IAttachmentRendererRegistry>().Find("txt"));
        Assert.Null(services.GetRequiredService<IChannelRegistry>().Find("sms"));
    }

    [Fact]
    public void A_registration_that_throws_fails_its_plugin_and_leaves_no_services_behind()
    {
        var (catalog, services) = Load(builtIn: true, settings: ("Plugins:test-built-in:Throw", "true"));

        var plugin = Assert.Single(catalog.Plugins);
        Assert.Equal(PluginStatus.Failed, plugin.Status);
        Assert.Equal("Its registration failed: InvalidOperationException: Throw was set.", plugin.Reason);
        Assert.Empty(plugin.Channels);
        Assert.Null(services.GetService<EchoLog>());
        Assert.Empty(services.GetRequiredService<IChannelRegistry>().Names);
    }

    [Fact]
    public void A_channel_that_cannot_be_created_fails_its_plugin_when_the_host_starts()
    {
        var (catalog, services) = Load(builtIn: true, settings: ("Plugins:test-built-in:BrokenChannel", "true"));

        Assert.Empty(services.GetRequiredService<IChannelRegistry>().Names);
        var plugin = Assert.Single(catalog.Plugins);
        Assert.Equal(PluginStatus.Failed, plugin.Status);
        Assert.Contains("No gateway configured.", plugin.Reason, StringComparison.Ordinal);
        Assert.Empty(plugin.Channels);
    }

    public void Dispose() => _folders.Dispose();

    private (PluginCatalog Catalog, ServiceProvider Services) Load(string? folder = null, bool builtIn = false, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)).Append(new("Plugins:Path", folder ?? _folders.Path)))
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddLookoutPlugins(configuration, "/", builtIn ? [typeof(TestPlugin).Assembly] : []);
        var provider = services.BuildServiceProvider();
        // What the host does as it starts.
        provider.GetRequiredService<IChannelRegistry>();
        return (provider.GetRequiredService<PluginCatalog>(), provider);
    }
}
