using Lookout.Kernel.Http;
using Lookout.Kernel.Text;

namespace Lookout.Contacts.Addresses;

/// <summary>Email addresses and phone numbers typed straight into a recipient field, checked one by one.</summary>
internal static class AdHocRecipients
{
    /// <summary>The CC field's limit, in characters, for all its addresses together (as the mail header holds them).</summary>
    public const int MaxCcLength = 255;

    /// <summary>
    /// One typed value as an address: an email address (lower-case) or an E.164 phone number, a number without its
    /// country code read in <paramref name="phoneRegion"/> (the workspace's default region, or null).
    /// </summary>
    public static bool TryNormalize(string? value, string? phoneRegion, out string? address, out string? error)
    {
        address = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "Required.";
            return false;
        }
        if (PhoneNumber.LooksLikeOne(value))
        {
            return PhoneNumber.TryNormalize(value, phoneRegion, out address, out error);
        }
        if (EmailAddress.TryNormalize(value, out address))
        {
            return true;
        }
        error = EmailAddress.Invalid;
        return false;
    }

    /// <summary>Each value of <paramref name="values"/>, normalised; errors name <c>field[i]</c>.</summary>
    public static IReadOnlyList<string> Validate(FieldErrors errors, string field, IReadOnlyList<string?>? values, string? phoneRegion)
    {
        var normalized = new List<string>();
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (TryNormalize(values![i], phoneRegion, out var address, out var error))
            {
                normalized.Add(address!);
            }
            else
            {
                errors.Add($"{field}[{i}]", error!);
            }
        }
        return normalized;
    }

    /// <summary>A CC field: email addresses separated by commas or semicolons, at most <see cref="MaxCcLength"/> characters once joined with <c>, </c>.</summary>
    public static IReadOnlyList<string> ValidateCc(FieldErrors errors, string field, string? cc)
    {
        if (string.IsNullOrWhiteSpace(cc))
        {
            return [];
        }
        var addresses = new List<string>();
        foreach (var part in cc.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (EmailAddress.TryNormalize(part, out var email))
            {
                addresses.Add(email);
            }
            else
            {
                errors.Add(field, $"'{Shorten(part)}' is not a valid email address.");
            }
        }
        var length = string.Join(", ", addresses).Length;
        if (cc.Trim().Length > MaxCcLength || length > MaxCcLength)
        {
            errors.Add(field, $"At most {MaxCcLength} characters in all ({Math.Max(length, cc.Trim().Length)} given).");
        }
        return addresses.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
