namespace Lookout.Plugins;

/// <summary>Who receives a notification, and how they like it.</summary>
/// <param name="Address">
/// Where the channel delivers, in the channel's own terms: an email address, an E.164 phone number, a user id, a URL.
/// A channel reports an address it cannot use as a permanent failure.
/// </param>
/// <param name="DisplayName">The person's name, when known (e.g. for an email's To header).</param>
/// <param name="TimeZone">IANA time zone id (e.g. <c>Europe/Paris</c>) that times are shown in.</param>
/// <param name="Csv">How this person wants CSV attachments written.</param>
public sealed record Recipient(string Address, string? DisplayName, string TimeZone, CsvPreference Csv)
{
    /// <summary>A recipient with no name, in UTC, with the default CSV preference.</summary>
    /// <param name="address">Where the channel delivers.</param>
    public static Recipient At(string address) => new(address, null, "Etc/UTC", CsvPreference.Default);
}
