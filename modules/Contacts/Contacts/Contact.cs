using Lookout.Contacts.Contracts;

namespace Lookout.Contacts.Contacts;

/// <summary>A recipient who cannot log in: a client, a supplier, a shared inbox.</summary>
internal sealed record Contact(
    string Id,
    string WorkspaceId,
    string Name,
    string? Email,
    string? Mobile,
    string TimeZone,
    CsvPreference Csv,
    string PreferredChannel,
    IReadOnlyList<string> FallbackChannels,
    string Notes,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The contact's addresses for its preferred channel then its fallbacks, skipping channels it has no address for.</summary>
    public IReadOnlyList<ChannelAddress> AddressesInPreferredOrder() =>
        FallbackChannels.Prepend(PreferredChannel).Distinct(StringComparer.Ordinal)
            .Select(channel => channel switch
            {
                Channels.Email when Email is not null => new ChannelAddress(channel, Email),
                Channels.Sms when Mobile is not null => new ChannelAddress(channel, Mobile),
                _ => null,
            })
            .OfType<ChannelAddress>()
            .ToList();
}

/// <summary>What an admin (or an import row) sets on a contact, already validated and normalised.</summary>
internal sealed record ContactDraft(
    string Name,
    string? Email,
    string? Mobile,
    string TimeZone,
    CsvPreference Csv,
    string PreferredChannel,
    IReadOnlyList<string> FallbackChannels,
    string Notes,
    IReadOnlyList<string> Tags);

/// <summary>The channels a contact can prefer: those contacts have addresses for.</summary>
internal static class Channels
{
    public const string Email = "email";
    public const string Sms = "sms";

    /// <summary>Users only: a popup in the SPA while they are online. Contacts cannot log in, so they never have it.</summary>
    public const string Popup = "popup";

    public static readonly IReadOnlyList<string> All = [Email, Sms];
}
