using Lookout.Host.Testing;
using Lookout.Plugins.Tests.Support;

namespace Lookout.Plugins.Tests.Hosting;

/// <summary>
/// A real host whose plugins folder holds the sample webhook plugin (published separately), a plugin whose DLL is
/// corrupt, and a copy of the sample that declares a future SDK.
/// </summary>
public sealed class InstalledPlugins : IAsyncLifetime
{
    public const string Secret = "host-test-secret-0123456789";

    private readonly PluginFolders _folders = new();

    public LookoutApp App { get; private set; } = null!;

    /// <summary>Where <c>dotnet publish</c> put the sample, before it was copied in.</summary>
    public string PublishedSample { get; private set; } = "";

    public async Task InitializeAsync()
    {
        PublishedSample = PluginFolders.PublishSampleWebhook();
        _folders.Copy(PublishedSample, "sample-webhook");
        _folders.Add("corrupt", new { id = "corrupt", version = "1.0.0", sdkVersion = "1.0", assembly = "Corrupt.dll" }, ("Corrupt.dll", "MZ garbage, not a PE image"u8.ToArray()));
        var future = _folders.Copy(PublishedSample, "future");
        File.WriteAllText(Path.Combine(future, "plugin.json"), """{"id":"future-webhook","version":"3.0.0","sdkVersion":"99.0","assembly":"Lookout.Samples.Webhook.dll"}""");

        App = await LookoutApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Plugins:Path"] = _folders.Path,
            ["Plugins:sample-webhook:Secret"] = Secret,
            // The test's receiver is on loopback.
            ["Plugins:sample-webhook:AllowPrivateNetworks"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        _folders.Dispose();
        Directory.Delete(PublishedSample, recursive: true);
    }
}
