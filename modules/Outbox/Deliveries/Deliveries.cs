using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lookout.Plugins;

namespace Lookout.Outbox.Deliveries;

/// <summary>Where a delivery stands: due (<see cref="Pending"/>, <see cref="Retrying"/>) or finished (<see cref="Delivered"/>, <see cref="Dead"/>).</summary>
internal static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Retrying = "retrying";
    public const string Delivered = "delivered";
    public const string Dead = "dead";

    public static IReadOnlyList<string> All { get; } = [Pending, Retrying, Delivered, Dead];
}

/// <summary>How an attempt ended, as the delivery log names it.</summary>
internal static class AttemptOutcome
{
    public const string Delivered = "delivered";
    public const string Transient = "transient";
    public const string Permanent = "permanent";

    /// <summary>The host stopped (or died) before the channel answered: the notification may or may not have left.</summary>
    public const string Interrupted = "interrupted";

    public static string Of(DeliveryOutcome outcome) => outcome switch
    {
        DeliveryOutcome.Delivered => Delivered,
        DeliveryOutcome.PermanentFailure => Permanent,
        _ => Transient,
    };
}

/// <summary>
/// One delivery a message fans out into, before it is stored: one recipient address on the message's channel, or a
/// recipient who cannot be reached (<see cref="UnreachableReason"/> set, no address), kept so that no one is dropped silently.
/// </summary>
internal sealed record NewDelivery(string Address, string? Name, string TimeZone, CsvPreference Csv, string? UnreachableReason = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static NewDelivery To(Recipient recipient) => new(recipient.Address, recipient.DisplayName, recipient.TimeZone, recipient.Csv);

    public static NewDelivery Unreachable(string name, string reason) => new("", name, "Etc/UTC", CsvPreference.Default, reason);

    /// <summary>
    /// The delivery's idempotency key, also the <see cref="Notification.Id"/> channels pass on: the same whenever the
    /// same message reaches the same address (or the same unreachable recipient), so resolving a message twice adds nothing.
    /// </summary>
    public string KeyFor(string workspaceId, string messageKey, string channel)
    {
        var who = UnreachableReason is null ? Address.ToLowerInvariant() : $"unreachable\n{Name}\n{UnreachableReason}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{workspaceId}\n{messageKey}\n{channel}\n{who}"));
        return Convert.ToHexStringLower(hash)[..32];
    }

    public static string WriteCsv(CsvPreference csv) => JsonSerializer.Serialize(csv, Json);

    public static CsvPreference ReadCsv(string json) => JsonSerializer.Deserialize<CsvPreference>(json, Json) ?? CsvPreference.Default;
}

/// <summary>A delivery claimed for one attempt: the attempt is <see cref="AttemptNumber"/>, the claim's lease is <see cref="Claim"/>'s.</summary>
internal sealed class ClaimedDelivery
{
    public string Id { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    public string MessageId { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Address { get; set; } = "";
    public string? RecipientName { get; set; }
    public string TimeZone { get; set; } = "";
    public string Csv { get; set; } = "";

    /// <summary>Attempts made in the current budget, this one included.</summary>
    public long Attempts { get; set; }

    /// <summary>This attempt's number in the delivery log.</summary>
    public long AttemptNumber { get; set; }

    public string Claim { get; set; } = "";

    public Recipient Recipient => new(Address, RecipientName, TimeZone, NewDelivery.ReadCsv(Csv));
}

/// <summary>A message whose recipient spec is due to be resolved.</summary>
internal sealed class ClaimedMessage
{
    public string Id { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Payload { get; set; } = "";
    public long ResolveAttempts { get; set; }
}
