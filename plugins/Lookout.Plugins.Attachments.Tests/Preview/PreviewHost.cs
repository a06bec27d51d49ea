using Lookout.Host.Testing;

namespace Lookout.Plugins.Attachments.Tests.Preview;

/// <summary>The real host, with the attachments plugin built in, shared by the preview tests.</summary>
public sealed class PreviewHost : IAsyncLifetime
{
    public LookoutApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await LookoutApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
