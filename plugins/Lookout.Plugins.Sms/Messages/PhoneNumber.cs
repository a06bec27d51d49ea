using System.Text.RegularExpressions;

namespace Lookout.Plugins.Sms;

/// <summary>E.164 numbers: a plus, a country code not starting with 0, at most 15 digits in all.</summary>
internal static partial class PhoneNumber
{
    public static bool IsE164(string? text) => text is not null && E164().IsMatch(text);

    [GeneratedRegex("^\\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}
