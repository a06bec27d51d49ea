namespace Lookout.Contacts.Contracts;

/// <summary>
/// Turns "who should get this" into concrete deliveries: the one service every alert uses. Users, contacts, lists
/// (nested ones followed), "me", the lead's owner and ad hoc addresses become one delivery per person, however many
/// entries name them.
/// </summary>
public interface IRecipientResolver
{
    /// <summary>
    /// Resolves <paramref name="spec"/> inside <paramref name="workspaceId"/>: ids of another workspace are as unknown
    /// as missing ones. Nothing is dropped silently: an entry that yields no usable address is in
    /// <see cref="RecipientResolution.Unreachable"/> with the reason.
    /// </summary>
    Task<RecipientResolution> ResolveAsync(string workspaceId, RecipientSpec spec, RecipientContext context, CancellationToken ct);
}

/// <summary>A channel and the address it delivers to, e.g. <c>email</c> and <c>ann@example.com</c>, <c>sms</c> and <c>+33612345678</c>.</summary>
public sealed record ChannelAddress(string Channel, string Address);

/// <summary>One person to notify.</summary>
/// <param name="Key">What de-duplicates deliveries: <c>email:</c> and the lower-case address, or <c>phone:</c> and the E.164 number.</param>
/// <param name="Name">The user's display name, the contact's name, or the ad hoc address.</param>
/// <param name="Addresses">Where to deliver, in the order to try: the preferred channel first, then the fallbacks.</param>
/// <param name="TimeZone">IANA time zone to show times in.</param>
/// <param name="Csv">How CSV attachments are written for this person.</param>
/// <param name="From">The spec entries that named this person (a list entry for its members).</param>
/// <param name="UserId">The user, when the person is one.</param>
/// <param name="ContactId">The contact, when the person is one.</param>
public sealed record RecipientDelivery(
    string Key,
    string Name,
    IReadOnlyList<ChannelAddress> Addresses,
    string TimeZone,
    CsvPreference Csv,
    IReadOnlyList<RecipientEntry> From,
    string? UserId,
    string? ContactId);

/// <summary>Someone a spec names who cannot be reached, and why.</summary>
/// <param name="Entry">The spec entry that named them.</param>
/// <param name="Name">Their name when known.</param>
/// <param name="Reason">Why, in words an admin understands.</param>
public sealed record UnreachableRecipient(RecipientEntry Entry, string? Name, string Reason);

/// <summary>Where the lead owner's alerts went instead.</summary>
/// <param name="To"><c>siteDefaultOwner</c> or <c>workspaceAdmins</c>.</param>
/// <param name="Reason">Why the lead's owner was not used.</param>
/// <param name="UserIds">The users who got them.</param>
public sealed record OwnerFallback(string To, string Reason, IReadOnlyList<string> UserIds)
{
    public const string SiteDefaultOwner = "siteDefaultOwner";
    public const string WorkspaceAdmins = "workspaceAdmins";
}

/// <summary>What a recipient spec resolved to.</summary>
/// <param name="Deliveries">One per person, in the order the spec first names them.</param>
/// <param name="Unreachable">Entries (or list members) that yield no usable address.</param>
/// <param name="OwnerFallback">Set when the spec names the lead's owner and someone else stood in.</param>
public sealed record RecipientResolution(
    IReadOnlyList<RecipientDelivery> Deliveries,
    IReadOnlyList<UnreachableRecipient> Unreachable,
    OwnerFallback? OwnerFallback);
