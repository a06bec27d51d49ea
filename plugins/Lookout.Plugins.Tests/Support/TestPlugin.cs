using Lookout.Plugins;
using Lookout.Plugins.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

[assembly: LookoutPlugin(typeof(TestPlugin))]

namespace Lookout.Plugins.Tests.Support;

/// <summary>
/// A built-in plugin for the loader's tests: an <c>echo</c> channel and a <c>txt</c> renderer. Its settings make it
/// misbehave: <c>Throw</c> throws from the registration, <c>BrokenChannel</c> adds a channel that cannot be created.
/// </summary>
public sealed class TestPlugin : ILookoutPlugin
{
    public void Register(IPluginRegistration registration)
    {
        registration.Services.AddSingleton<EchoLog>();
        if (registration.Configuration["Throw"] == "true")
        {
            throw new InvalidOperationException("Throw was set.");
        }
        registration.AddChannel<EchoChannel>().AddAttachmentRenderer<TextRenderer>();
        if (registration.Configuration["BrokenChannel"] == "true")
        {
            registration.AddChannel<BrokenChannel>();
        }
    }
}

public sealed class EchoLog
{
    public List<Notification> Sent { get; } = [];
}

public sealed class EchoChannel(EchoLog log) : IChannel
{
    public string Name => "echo";

    public Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        log.Sent.Add(notification);
        return Task.FromResult(DeliveryResult.Delivered);
    }
}

public sealed class BrokenChannel : IChannel
{
    public BrokenChannel() => throw new InvalidOperationException("No gateway configured.");

    public string Name => "broken";

    public Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken) => throw new NotSupportedException();
}

public sealed class TextRenderer : IAttachmentRenderer
{
    public string Format => "txt";

    public string ContentType => "text/plain; charset=utf-8";

    public string FileExtension => "txt";

    public Task<NotificationAttachment> RenderAsync(AttachmentRenderRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new NotificationAttachment($"{request.FileName}.txt", ContentType, System.Text.Encoding.UTF8.GetBytes(request.Template)));
}
