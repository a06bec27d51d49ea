namespace Lookout.Contacts.Contracts;

/// <summary>How a recipient wants CSV attachments and exports written.</summary>
/// <param name="Delimiter"><c>,</c>, <c>;</c> or a tab.</param>
/// <param name="Header">Whether the first row names the columns.</param>
/// <param name="DateFormat">A .NET date and time format string, e.g. <c>dd/MM/yyyy HH:mm</c>.</param>
/// <param name="Encoding"><c>utf-8</c>, or <c>utf-8-bom</c> for a byte order mark first (what Excel needs to read UTF-8).</param>
public sealed record CsvPreference(string Delimiter, bool Header, string DateFormat, string Encoding)
{
    public const string Utf8 = "utf-8";
    public const string Utf8WithBom = "utf-8-bom";
    public const string IsoDateFormat = "yyyy-MM-ddTHH:mm:ssK";

    /// <summary>Commas, a header row, ISO 8601 dates, UTF-8 without a byte order mark.</summary>
    public static CsvPreference Default { get; } = new(",", true, IsoDateFormat, Utf8);

    /// <summary>The same preference as the plugin SDK (and a user's own preferences) hold it.</summary>
    public static CsvPreference From(Lookout.Plugins.CsvPreference preference)
    {
        ArgumentNullException.ThrowIfNull(preference);
        return new(preference.Delimiter, preference.Header, preference.DateFormat, preference.Encoding);
    }
}
