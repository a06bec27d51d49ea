using System.Text;
using MailKit.Security;

namespace Lookout.Plugins.Email.Smtp;

/// <summary>
/// Everything that makes one SMTP connection usable for a message: where, how secured, as whom. Kept connections are
/// found by it, so a workspace's connection never carries another's mail, and saved settings open a new one.
/// </summary>
internal sealed record SmtpEndpoint(string Host, int Port, SecureSocketOptions Security, string UserName, string Password)
{
    public static SmtpEndpoint Of(EmailSettings settings) => new(
        settings.Host.Trim(),
        settings.Port,
        settings.SslOnConnect ? SecureSocketOptions.SslOnConnect : settings.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None,
        settings.UserName,
        settings.Password);

    /// <summary>How the delivery log names the server.</summary>
    public override string ToString() => $"{Host}:{Port}";

    // The password stays out of anything printed.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(ToString());
        return true;
    }
}
