using Lookout.Kernel.Plugins;
using Lookout.Plugins;
using Lookout.Plugins.Email;
using Lookout.Plugins.Email.Pickup;
using Lookout.Plugins.Email.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

[assembly: LookoutPlugin(typeof(EmailPlugin))]

namespace Lookout.Plugins.Email;

/// <summary>
/// The email plugin: the <c>email</c> channel, its settings (SMTP server, from address; changed by admins at runtime),
/// and the pickup folder's endpoints. The pickup folder is the host's own choice (<c>Plugins:email:PickupDirectory</c>),
/// not a runtime setting: admins of a workspace must not pick where the server writes files. Likewise an SMTP host on a
/// private network is reachable only when the host's configuration says <c>Plugins:email:AllowPrivateNetworks=true</c>,
/// and a server certificate that the system does not trust is accepted only when its SHA-256 fingerprint is listed in
/// <c>Plugins:email:TrustedCertificates</c>.
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
        IReadOnlySet<string> trusted;
        try
        {
            trusted = EmailNetwork.Fingerprints(registration.Configuration["TrustedCertificates"]);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"TrustedCertificates: {e.Message}", e);
        }
        registration.Services.AddSingleton(new EmailNetwork(allowPrivate) { TrustedCertificates = trusted });
        registration.Services.AddSingleton(sp => new SmtpConnections(sp.GetRequiredService<EmailNetwork>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        registration
            .AddSettings<EmailSettings>(settings => EmailSettings.Validate(settings, allowPrivate))
            .AddChannel<EmailChannel>();
    }
}
