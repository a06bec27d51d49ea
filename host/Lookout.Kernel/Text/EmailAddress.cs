using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;

namespace Lookout.Kernel.Text;

/// <summary>
/// The one rule for email addresses, whoever gives them (contacts, users, leads, ad hoc recipients): a bare address
/// (no display name, no spaces or control characters that could smuggle in a header), a dotted domain, at most
/// <see cref="MaxLength"/> characters; kept trimmed and lower-case.
/// </summary>
/// <remarks>
/// Parsed by the BCL's <see cref="MailAddress"/> (a parser only; nothing here sends mail). MimeKit, which the email
/// plugin uses, is not taken into the kernel: it would bring BouncyCastle into every module for one syntax check, and
/// its reading differs on addresses already stored (it refuses <c>a.@example.com</c> and shows <c>xn--</c> domains
/// decoded), so switching would refuse contacts and users that exist.
/// </remarks>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public const string Invalid = "Not a valid email address.";

    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? email)
    {
        email = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength
            || DisplayText.Problem(trimmed) is not null || trimmed.Any(char.IsWhiteSpace)
            || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || address.DisplayName.Length > 0
            || !address.Host.Contains('.', StringComparison.Ordinal) || address.Host.EndsWith('.'))
        {
            return false;
        }
        email = trimmed.ToLowerInvariant();
        return true;
    }
}
