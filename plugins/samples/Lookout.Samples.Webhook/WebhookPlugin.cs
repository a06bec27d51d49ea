using Lookout.Plugins;
using Lookout.Samples.Webhook;
using Microsoft.Extensions.DependencyInjection;

[assembly: LookoutPlugin(typeof(WebhookPlugin))]

namespace Lookout.Samples.Webhook;

/// <summary>The plugin's entry: reads its settings (<c>Plugins:sample-webhook</c>) and adds the <c>webhook</c> channel.</summary>
public sealed class WebhookPlugin : ILookoutPlugin
{
    public void Register(IPluginRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        // Invalid settings throw here: the host then lists the plugin as failed with the message.
        registration.Services.AddSingleton(WebhookOptions.From(registration.Configuration));
        registration.AddChannel<WebhookChannel>();
    }
}
