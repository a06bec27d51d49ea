using Lookout.Plugins;
using Lookout.Plugins.Sms;
using Microsoft.Extensions.DependencyInjection;

[assembly: LookoutPlugin(typeof(SmsPlugin))]

namespace Lookout.Plugins.Sms;

/// <summary>
/// The SMS plugin: the <c>sms</c> channel and its settings (gateway, credentials, sender, segment cap; changed by
/// admins at runtime). Private networks are reachable only when the host's configuration says
/// <c>Plugins:sms:AllowPrivateNetworks=true</c>.
/// </summary>
public sealed class SmsPlugin : ILookoutPlugin
{
    public void Register(IPluginRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var allowPrivate = registration.Configuration["AllowPrivateNetworks"] is { Length: > 0 } allow
            ? bool.TryParse(allow, out var parsed) ? parsed : throw new InvalidOperationException("AllowPrivateNetworks must be true or false.")
            : false;
        registration.Services.AddSingleton(new SmsNetwork(allowPrivate));
        registration
            .AddSettings<SmsSettings>(SmsSettings.Validate)
            .AddChannel<SmsChannel>();
    }
}
