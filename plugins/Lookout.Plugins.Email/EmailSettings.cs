using System.ComponentModel;
using System.Net;
using Lookout.Plugins.Http;
using MimeKit;

namespace Lookout.Plugins.Email;

/// <summary>
/// The email plugin's settings (<c>Plugins:email</c>, or saved by admins on the Plugins page). With no
/// <see cref="Host"/>, mail is written to the pickup folder instead of sent.
/// </summary>
public sealed class EmailSettings
{
    public const int MaxTimeoutSeconds = 300;

    [Description("The SMTP server's host name. Leave empty to write each message as an .eml file to the server's pickup folder instead (shown under Outbox mail).")]
    [DisplayName("SMTP host")]
    public string Host { get; set; } = "";

    [Description("Usually 587 (submission with STARTTLS) or 25.")]
    [DisplayName("SMTP port")]
    public int Port { get; set; } = 587;

    [Description("Upgrade the connection with STARTTLS before authenticating; a server that does not offer it is refused, never used in the clear.")]
    [DisplayName("Use STARTTLS")]
    public bool StartTls { get; set; } = true;

    [Description("Speak TLS from the first byte (implicit TLS, usually port 465) instead of STARTTLS.")]
    [DisplayName("Use TLS on connect")]
    public bool SslOnConnect { get; set; }

    [Description("The SMTP account; leave empty for a server that does not need authentication.")]
    [DisplayName("User name")]
    public string UserName { get; set; } = "";

    [SecretSetting]
    public string Password { get; set; } = "";

    [Description("The address messages are sent from, e.g. alerts@example.com.")]
    public string FromAddress { get; set; } = "lookout@localhost";

    [Description("The name recipients see next to the from address.")]
    public string FromDisplayName { get; set; } = "Lookout";

    [Description("How long one message may take to send before the attempt is retried later.")]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>What is wrong with these settings, by property name, with private networks refused.</summary>
    public static IEnumerable<SettingsError> Validate(EmailSettings settings) => Validate(settings, allowPrivateNetworks: false);

    /// <summary>
    /// What is wrong with these settings, by property name. A host written as a non-public address is refused here
    /// unless <paramref name="allowPrivateNetworks"/>; a name is checked when it is resolved, at each delivery.
    /// </summary>
    public static IEnumerable<SettingsError> Validate(EmailSettings settings, bool allowPrivateNetworks)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Host.Length > 0 && (settings.Host.Length > 253 || Uri.CheckHostName(settings.Host) == UriHostNameType.Unknown))
        {
            yield return new(nameof(Host), "A host name such as smtp.example.com, or an IP address.");
        }
        else if (!allowPrivateNetworks && IPAddress.TryParse(settings.Host.Trim('[', ']'), out var address) && !NetworkAddress.IsPublic(address))
        {
            yield return new(nameof(Host), "A server on the public internet: loopback, private and link-local addresses are refused on this installation.");
        }
        if (settings.Port is < 1 or > 65535)
        {
            yield return new(nameof(Port), "A port number from 1 to 65535.");
        }
        if (settings.TimeoutSeconds is < 1 or > MaxTimeoutSeconds)
        {
            yield return new(nameof(TimeoutSeconds), $"From 1 to {MaxTimeoutSeconds} seconds.");
        }
        if (settings.UserName.Any(char.IsControl) || settings.UserName.Length > 200)
        {
            yield return new(nameof(UserName), "At most 200 characters, on one line.");
        }
        if (settings.Password.Length > 0 && settings.UserName.Length == 0)
        {
            yield return new(nameof(UserName), "Required when a password is set.");
        }
        if (string.IsNullOrWhiteSpace(settings.FromAddress))
        {
            yield return new(nameof(FromAddress), "Required.");
        }
        else if (!MailAddresses.TryParse(settings.FromAddress, out _, out var problem))
        {
            yield return new(nameof(FromAddress), problem);
        }
        if (settings.FromDisplayName.Any(char.IsControl) || settings.FromDisplayName.Length > 100)
        {
            yield return new(nameof(FromDisplayName), "At most 100 characters, on one line.");
        }
    }

    /// <summary>The from address with its display name; null when the address is not one (settings from the host's configuration are not validated).</summary>
    internal MailboxAddress? From()
    {
        if (!MailAddresses.TryParse(FromAddress, out var address, out _))
        {
            return null;
        }
        address.Name = MailHeaders.Clean(FromDisplayName, MailHeaders.MaxDisplayNameLength);
        return address;
    }
}
