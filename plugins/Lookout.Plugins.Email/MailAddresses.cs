using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;

namespace Lookout.Plugins.Email;

/// <summary>What an email address may be here: one bare address (no display name, no list), parsed by <see cref="MailAddress"/>.</summary>
internal static class MailAddresses
{
    private const int MaxLength = 254;

    public static bool TryParse(string? text, [NotNullWhen(true)] out MailAddress? address, [NotNullWhen(false)] out string? problem)
    {
        address = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            problem = "The recipient has no email address.";
            return false;
        }
        if (trimmed.Length > MaxLength || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) || trimmed.Contains(',', StringComparison.Ordinal)
            || !MailAddress.TryCreate(trimmed, out var parsed) || !string.Equals(parsed.Address, trimmed, StringComparison.Ordinal) || parsed.DisplayName.Length > 0)
        {
            problem = $"'{Shown(trimmed)}' is not an email address such as ann@example.com.";
            return false;
        }
        address = parsed;
        problem = null;
        return true;
    }

    /// <summary>The address as the delivery log may show it: on one line, bounded.</summary>
    private static string Shown(string text) => MailHeaders.Clean(text, 100);
}
