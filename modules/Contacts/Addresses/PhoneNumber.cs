using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace Lookout.Contacts.Addresses;

/// <summary>
/// Phone numbers checked against their country's numbering plan (libphonenumber) and kept in E.164
/// (<c>+33612345678</c>). A number typed with its country code (<c>+</c>, or <c>00</c> when the workspace has no
/// default region) is read as such; one without is read in the workspace's default region, and refused rather than
/// guessed when the workspace has none.
/// </summary>
internal static class PhoneNumber
{
    public const int MaxLength = 64;

    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// <paramref name="text"/> in E.164, or false with <paramref name="error"/> saying what to fix.
    /// <paramref name="defaultRegion"/> is the workspace's (ISO 3166-1 alpha-2), or null when it has none.
    /// </summary>
    public static bool TryNormalize(string? text, string? defaultRegion, [NotNullWhen(true)] out string? e164, [NotNullWhen(false)] out string? error)
    {
        e164 = null;
        var typed = text?.Trim() ?? "";
        if (typed.Length == 0)
        {
            error = "Required.";
            return false;
        }
        if (typed.Length > MaxLength)
        {
            error = $"At most {MaxLength} characters.";
            return false;
        }
        if (defaultRegion is null && typed.StartsWith("00", StringComparison.Ordinal))
        {
            // 00 is the international prefix nearly everywhere outside North America: what Lookout always accepted.
            typed = "+" + typed[2..];
        }
        var international = typed.StartsWith('+');
        if (!international && defaultRegion is null)
        {
            error = "Add the country code (e.g. +44 for the United Kingdom) or set the workspace's default region.";
            return false;
        }
        PhoneNumbers.PhoneNumber number;
        try
        {
            number = Numbers.Parse(typed, international ? null : defaultRegion);
        }
        catch (NumberParseException e)
        {
            error = !international ? NotValidFor(defaultRegion!)
                : e.ErrorType == ErrorType.INVALID_COUNTRY_CODE ? "Not a valid phone number: no country has the code after the +."
                : "Not a phone number: a + followed by the country code and the number, e.g. +33 6 12 34 56 78.";
            return false;
        }
        if (number.HasExtension)
        {
            error = "Leave out the extension: text messages reach the number itself.";
            return false;
        }
        if (!Numbers.IsValidNumber(number))
        {
            var region = Numbers.GetRegionCodeForCountryCode(number.CountryCode);
            error = !international ? NotValidFor(defaultRegion!)
                : region.Length == 2 && region != "ZZ" ? $"Not a valid phone number for {region} (+{number.CountryCode})."
                : $"Not a valid phone number for the country code +{number.CountryCode}.";
            return false;
        }
        e164 = Numbers.Format(number, PhoneNumberFormat.E164);
        error = null;
        return true;
    }

    /// <summary>Whether <paramref name="text"/> looks meant as a phone number rather than an email address.</summary>
    public static bool LooksLikeOne(string text) => !text.Contains('@', StringComparison.Ordinal);

    private static string NotValidFor(string region) =>
        $"Not a valid phone number for {region}. Another country's number needs its country code, e.g. +33 6 12 34 56 78.";
}
