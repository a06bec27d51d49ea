using Lookout.Kernel.Plugins;
using Lookout.Plugins;
using Lookout.Plugins.Email;
using Lookout.Plugins.Email.Pickup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

[assembly: LookoutPlugin(typeof(EmailPlugin))]

namespace Lookout.Plugins.Email;

/// <summary>
/// The email plugin: the <c>email</c> channel, its settings (SMTP server, from address; changed by admins at runtime),
/// and the pickup folder's endpoints. The pickup folder is the host's own choice (<c>Plugins:email:PickupDirectory</c>),
/// not a runtime setting: admins of a workspace must not pick where the server writes files. Likewise an SMTP host on a
/// private network is reachable only when the host's configuration says <c>Plugins:email:AllowPrivateNetworks=true</c>.
/// </summary>
public sealed class EmailPlugin : ILookoutPlugin
{
    public void Register(IPluginRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var pickup = registration.Configuration["PickupDirectory"] is { Length: > 0 } configured ? configured : MailPickupFolder.DefaultPath;
        registration.Services.AddSingleton(sp => new MailPickupFolder(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, pickup)));
        registration.Services.AddSingleton<IPluginEndpoints, MailPickupEndpoints>();
        var allowPrivate = registration.Configuration["AllowPrivateNetworks"] is { Length: > 0 } allow
            ? bool.TryParse(allow, out var parsed) ? parsed : throw new InvalidOperationException("AllowPrivateNetworks must be true or false.")
            : false;
        registration.Services.AddSingleton(new EmailNetwork(allowPrivate));
        registration
            .AddSettings<EmailSettings>(settings => EmailSettings.Validate(settings, allowPrivate))
            .AddChannel<EmailChannel>();
    }
}
