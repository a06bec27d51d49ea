using GoneLibrary;
using Lookout.Plugins;
using NeedsGoneLibrary;

[assembly: LookoutPlugin(typeof(NeedsGoneLibraryPlugin))]

namespace NeedsGoneLibrary;

public sealed class NeedsGoneLibraryPlugin : ILookoutPlugin
{
    public void Register(IPluginRegistration registration) => registration.AddChannel<GoneChannel>();
}

public sealed class GoneChannel() : GoneChannelBase("gone"), IChannel
{
    public Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken) => Task.FromResult(DeliveryResult.Delivered);
}
