using System.Text.RegularExpressions;
using Lookout.Outbox.Contracts;

namespace Lookout.Outbox.Enqueue;

/// <summary>What a message must be to be accepted: a caller's mistake is an exception in the caller's transaction, not a dead letter later.</summary>
internal static partial class MessageRules
{
    public const int MaxKeyLength = 200;
    public const int MaxSubjectLength = 1000;

    public static void Check(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Require(!string.IsNullOrWhiteSpace(message.WorkspaceId) && message.WorkspaceId.Length <= 64, "WorkspaceId is required (at most 64 characters).");
        Require(!string.IsNullOrWhiteSpace(message.IdempotencyKey) && message.IdempotencyKey.Length <= MaxKeyLength, $"IdempotencyKey is required (at most {MaxKeyLength} characters).");
        Require(message.Channel is not null && Name().IsMatch(message.Channel), $"Channel '{message.Channel}' must be a channel name: lower-case letters, digits and dashes.");
        Require(message.Subject is not null && message.Subject.Length <= MaxSubjectLength && !HasLineBreak(message.Subject), $"Subject is required: one line of at most {MaxSubjectLength} characters.");
        Require(message.TextBody is not null, "TextBody is required.");
        Require(message.Recipients is not null, "Recipients are required.");
        Require(message.Context is not null, "Context is required.");
        if (message.Recipients!.Spec is { } spec)
        {
            Require(spec.Entries is { Count: > 0 }, "The recipient spec names no one.");
        }
        else
        {
            var addresses = message.Recipients.Addresses!;
            Require(addresses.Count > 0, "There is no recipient.");
            Require(addresses.All(r => r is not null && !string.IsNullOrWhiteSpace(r.Address) && !HasLineBreak(r.Address) && r.TimeZone is not null && r.Csv is not null), "A recipient has no address, or one with a line break.");
        }
        Require(message.Attachments is not null, "Attachments are required (possibly none).");
        foreach (var attachment in message.Attachments!)
        {
            Require(attachment is not null, "An attachment is null.");
            if (attachment!.Template is { } template)
            {
                Require(template.Format is not null && Name().IsMatch(template.Format), $"Attachment format '{template.Format}' must be a format id: lower-case letters, digits and dashes.");
                Require(!string.IsNullOrWhiteSpace(template.FileName) && template.Template is not null && template.Data is not null, "A template attachment needs a file name, a template and data.");
            }
            else
            {
                Require(!string.IsNullOrWhiteSpace(attachment.Rendered!.FileName), "An attachment has no file name.");
            }
        }
    }

    private static bool HasLineBreak(string text) => text.AsSpan().IndexOfAny('\r', '\n') >= 0;

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, nameof(message));
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,49}$")]
    private static partial Regex Name();
}
