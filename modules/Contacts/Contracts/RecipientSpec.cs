using System.Text.Json.Serialization;

namespace Lookout.Contacts.Contracts;

/// <summary>What one entry of a recipient spec names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecipientKind>))]
public enum RecipientKind
{
    /// <summary>A user of the workspace, by id.</summary>
    [JsonStringEnumMemberName("user")]
    User,

    /// <summary>A contact of the workspace, by id.</summary>
    [JsonStringEnumMemberName("contact")]
    Contact,

    /// <summary>A distribution list of the workspace, by id; nested lists are followed.</summary>
    [JsonStringEnumMemberName("list")]
    List,

    /// <summary>The user the alert is being set up or sent for (<see cref="RecipientContext.CurrentUserId"/>).</summary>
    [JsonStringEnumMemberName("me")]
    Me,

    /// <summary>The lead's owner (<see cref="RecipientContext.LeadOwnerUserId"/>), with fallbacks.</summary>
    [JsonStringEnumMemberName("leadOwner")]
    LeadOwner,

    /// <summary>An email address or phone number typed in (<see cref="RecipientEntry.Value"/>).</summary>
    [JsonStringEnumMemberName("adHoc")]
    AdHoc,
}

/// <summary>One entry of a recipient spec.</summary>
/// <param name="Kind">What the entry names.</param>
/// <param name="Id">The user, contact or list id for <see cref="RecipientKind.User"/>, <see cref="RecipientKind.Contact"/> and <see cref="RecipientKind.List"/>.</param>
/// <param name="Value">The email address or phone number of an <see cref="RecipientKind.AdHoc"/> entry.</param>
public sealed record RecipientEntry(RecipientKind Kind, string? Id = null, string? Value = null)
{
    public static RecipientEntry User(string id) => new(RecipientKind.User, id);

    public static RecipientEntry Contact(string id) => new(RecipientKind.Contact, id);

    public static RecipientEntry List(string id) => new(RecipientKind.List, id);

    public static RecipientEntry Me { get; } = new(RecipientKind.Me);

    public static RecipientEntry LeadOwner { get; } = new(RecipientKind.LeadOwner);

    public static RecipientEntry AdHoc(string value) => new(RecipientKind.AdHoc, Value: value);
}

/// <summary>"Who should get this", as a trigger or alert stores it: entries in the order the admin picked them.</summary>
public sealed record RecipientSpec(IReadOnlyList<RecipientEntry> Entries);

/// <summary>What the entries that depend on the moment mean.</summary>
/// <param name="CurrentUserId">The user <see cref="RecipientKind.Me"/> stands for; null when there is none (e.g. a rule firing on its own).</param>
/// <param name="LeadOwnerUserId">The lead's owner; null when the lead has none.</param>
/// <param name="SiteId">The site the alert is about: its default owner is the lead owner's first fallback and its time zone that of users who chose none.</param>
public sealed record RecipientContext(string? CurrentUserId, string? LeadOwnerUserId, string? SiteId);
