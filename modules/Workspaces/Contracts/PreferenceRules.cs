using System.Globalization;
using Lookout.Kernel.Http;
using Lookout.Plugins;
using PhoneNumbers;

namespace Lookout.Workspaces.Contracts;

/// <summary>
/// What a time zone and a CSV preference may hold, for users (here) and contacts (the Contacts module) alike: one set
/// of rules wherever someone picks how times and CSV files reach them.
/// </summary>
public static class PreferenceRules
{
    public const int MaxDateFormatLength = 64;
    public const int MaxTimeZoneLength = 64;
    public static readonly IReadOnlyList<string> Delimiters = [",", ";", "\t"];
    public static readonly IReadOnlyList<string> Encodings = [CsvPreference.Utf8, CsvPreference.Utf8WithBom];

    // Two moments on different days at the same time of day: a format that prints them alike shows no date.
    private static readonly DateTimeOffset First = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Second = new(2025, 11, 23, 3, 4, 5, TimeSpan.Zero);

    /// <summary>Whether <paramref name="id"/> is an IANA time zone id this host knows, e.g. <c>Europe/Paris</c>.</summary>
    public static bool IsTimeZone(string id) =>
        id.Length <= MaxTimeZoneLength && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;

    /// <summary>
    /// Whether <paramref name="region"/> is a region whose phone numbers libphonenumber knows, as an upper-case ISO 3166-1
    /// alpha-2 code, e.g. <c>GB</c>.
    /// </summary>
    public static bool IsPhoneRegion(string region) => PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(region);

    /// <summary>
    /// The CSV preference with defaults for what is not given, or null (and errors naming <c>{prefix}delimiter</c> and
    /// so on) when something given is not valid.
    /// </summary>
    public static CsvPreference? ValidateCsv(FieldErrors errors, string prefix, string? delimiter, bool? header, string? dateFormat, string? encoding)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var valid = true;
        if (delimiter is not null && !Delimiters.Contains(delimiter))
        {
            errors.Add($"{prefix}delimiter", "One of \",\", \";\" or a tab (\"\\t\").");
            valid = false;
        }
        if (dateFormat is not null && !IsDateFormat(dateFormat))
        {
            errors.Add($"{prefix}dateFormat", "Not a .NET date and time format string that shows the date, e.g. \"dd/MM/yyyy HH:mm\".");
            valid = false;
        }
        if (encoding is not null && !Encodings.Contains(encoding))
        {
            errors.Add($"{prefix}encoding", "One of \"utf-8\" or \"utf-8-bom\".");
            valid = false;
        }
        var defaults = CsvPreference.Default;
        return valid
            ? new CsvPreference(delimiter ?? defaults.Delimiter, header ?? defaults.Header, dateFormat ?? defaults.DateFormat, encoding ?? defaults.Encoding)
            : null;
    }

    public static bool IsDateFormat(string format)
    {
        if (string.IsNullOrWhiteSpace(format) || format.Length > MaxDateFormatLength || format.Any(char.IsControl))
        {
            return false;
        }
        try
        {
            return First.ToString(format, CultureInfo.InvariantCulture) != Second.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
