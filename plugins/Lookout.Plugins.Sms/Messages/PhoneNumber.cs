using PhoneNumbers;

namespace Lookout.Plugins.Sms;

/// <summary>
/// E.164 numbers as gateways take them: a plus and digits only, that libphonenumber reads as a possible number of a
/// country code it knows. Possible rather than valid: numbers are checked against numbering plans where they are typed
/// (contacts, ad hoc recipients); one stored before, or dropped by a later plan, still goes to the gateway, which has
/// the last word.
/// </summary>
internal static class PhoneNumber
{
    private const int MaxE164Length = 16;

    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    public static bool IsE164(string? text)
    {
        if (text is not { Length: > 1 and <= MaxE164Length } || text[0] != '+' || text.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }
        try
        {
            var number = Numbers.Parse(text, null);
            return Numbers.IsPossibleNumber(number) && Numbers.Format(number, PhoneNumberFormat.E164) == text;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }
}
