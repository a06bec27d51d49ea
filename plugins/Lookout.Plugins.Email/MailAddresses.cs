using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace Lookout.Plugins.Email;

/// <summary>What an email address may be here: one bare address (no display name, no list, no comment, no route), parsed by MimeKit in its strict mode.</summary>
internal static class MailAddresses
{
    private const int MaxLength = 254;

    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out MailboxAddress? address, [NotNullWhen(false)] out string? problem)
    {
        address = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            problem = "The recipient has no email address.";
            return false;
        }
        // Whatever the parser would drop or rewrite (a comment, angle brackets, a name) makes the text something else than the address.
        if (trimmed.Length > MaxLength || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) || trimmed.Contains(',', StringComparison.Ordinal)
            || !MailboxAddress.TryParse(Strict, trimmed, out var parsed) || !IsWhatWasWritten(parsed, trimmed)
            || !string.IsNullOrEmpty(parsed.Name) || parsed.Route.Count > 0)
        {
            problem = $"'{MailHeaders.Clean(trimmed, 100)}' is not an email address such as ann@example.com.";
            return false;
        }
        address = parsed;
        problem = null;
        return true;
    }

    // MimeKit shows an IDNA domain (xn--...) decoded: the same address as written, in another form.
    private static bool IsWhatWasWritten(MailboxAddress parsed, string written) =>
        string.Equals(parsed.Address, written, StringComparison.Ordinal)
        || string.Equals(MailboxAddress.EncodeAddrspec(parsed.Address), written, StringComparison.OrdinalIgnoreCase);
}
