using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Lookout.Contacts.Addresses;

/// <summary>
/// Phone numbers in E.164 (<c>+33612345678</c>): a country code and at most 15 digits. Typed numbers may carry
/// spaces, dots, dashes and parentheses, and <c>00</c> for the <c>+</c>; a number without its country code is refused
/// rather than guessed. libphonenumber is not served here, so numbering plans are not checked beyond that.
/// </summary>
internal static class PhoneNumber
{
    private const int MinDigits = 8;
    private const int MaxDigits = 15;

    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? e164)
    {
        e164 = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 32)
        {
            return false;
        }
        int start;
        if (trimmed.StartsWith('+'))
        {
            start = 1;
        }
        else if (trimmed.StartsWith("00", StringComparison.Ordinal))
        {
            start = 2;
        }
        else
        {
            return false;
        }
        var digits = new StringBuilder(MaxDigits + 1).Append('+');
        for (var i = start; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '.' or '-' or '(' or ')'))
            {
                return false;
            }
        }
        var count = digits.Length - 1;
        if (count < MinDigits || count > MaxDigits || digits[1] == '0')
        {
            return false;
        }
        e164 = digits.ToString();
        return true;
    }

    /// <summary>Whether <paramref name="text"/> looks meant as a phone number rather than an email address.</summary>
    public static bool LooksLikeOne(string text) => !text.Contains('@', StringComparison.Ordinal);
}
