using Lookout.Contacts.Contracts;
using Lookout.Outbox.Deliveries;
using SdkCsv = Lookout.Plugins.CsvPreference;

namespace Lookout.Outbox.Dispatch;

/// <summary>Turns what a recipient spec resolved to into one delivery per address on the message's channel.</summary>
internal static class RecipientFanOut
{
    /// <summary>
    /// One delivery per address the resolver gives for <paramref name="channel"/>; a person with no such address, and
    /// every entry the resolver could not reach, becomes an undeliverable delivery with the reason.
    /// </summary>
    public static IReadOnlyList<NewDelivery> Deliveries(RecipientResolution resolution, string channel)
    {
        var deliveries = new List<NewDelivery>();
        foreach (var person in resolution.Deliveries)
        {
            var csv = new SdkCsv(person.Csv.Delimiter, person.Csv.Header, person.Csv.DateFormat, person.Csv.Encoding);
            var addresses = person.Addresses.Where(a => a.Channel == channel).ToList();
            if (addresses.Count == 0)
            {
                var has = string.Join(", ", person.Addresses.Select(a => a.Channel).Distinct());
                deliveries.Add(NewDelivery.Unreachable(person.Name, $"Has no {channel} address{(has.Length == 0 ? "" : $" (only {has})")}."));
                continue;
            }
            deliveries.AddRange(addresses.Select(a => new NewDelivery(a.Address, person.Name, person.TimeZone, csv)));
        }
        foreach (var unreachable in resolution.Unreachable)
        {
            deliveries.Add(NewDelivery.Unreachable(unreachable.Name ?? Describe(unreachable.Entry), unreachable.Reason));
        }
        return deliveries.DistinctBy(d => (d.Address.ToLowerInvariant(), d.UnreachableReason is null ? "" : d.Name + d.UnreachableReason)).ToList();
    }

    /// <summary>A recipient entry in the delivery log when the resolver knows no name for it.</summary>
    public static string Describe(RecipientEntry entry) => entry.Kind switch
    {
        RecipientKind.User => $"User {entry.Id}",
        RecipientKind.Contact => $"Contact {entry.Id}",
        RecipientKind.List => $"List {entry.Id}",
        RecipientKind.Me => "The current user",
        RecipientKind.LeadOwner => "The lead's owner",
        RecipientKind.AdHoc => entry.Value ?? "An ad hoc recipient",
        _ => entry.Kind.ToString(),
    };
}
