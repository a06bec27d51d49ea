using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;

namespace Lookout.Contacts.Addresses;

/// <summary>Email addresses as contacts and ad hoc recipients hold them: trimmed, lower-case, with a dotted domain.</summary>
internal static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? email)
    {
        email = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength
            || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || address.DisplayName.Length > 0
            || !address.Host.Contains('.', StringComparison.Ordinal) || address.Host.EndsWith('.'))
        {
            return false;
        }
        email = trimmed.ToLowerInvariant();
        return true;
    }
}
