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
/// not a runtime setting: admins of a workspace must not pick where the server writes files.
/// </summary>
public sealed class EmailPlugin : ILookoutPlugin
{
    public void Register(IPluginRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var pickup = registration.Configuration["PickupDirectory"] is { Length: > 0 } configured ? configured : MailPickupFolder.DefaultPath;
        registration.Services.AddSingleton(sp => new MailPickupFolder(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, pickup)));
        registration.Services.AddSingleton<IPluginEndpoints, MailPickupEndpoints>();
        registration
            .AddSettings<EmailSettings>(EmailSettings.Validate)
            .AddChannel<EmailChannel>();
    }
}
