namespace Lookout.Plugins;

/// <summary>One message to one recipient, as the outbox hands it to a channel.</summary>
/// <param name="Id">
/// The notification's idempotency key: the same across every attempt to deliver it. A channel whose target can
/// de-duplicate (a webhook receiver, an SMS gateway) should pass it on.
/// </param>
/// <param name="Recipient">Who receives it and where.</param>
/// <param name="Subject">A one-line subject (an email's subject, a popup's title); plain text, never CR or LF.</param>
/// <param name="TextBody">The body as plain text; every channel can use it.</param>
/// <param name="HtmlBody">The body as HTML, for channels that can show it; null when there is none.</param>
/// <param name="Attachments">Rendered attachments; empty when there are none.</param>
public sealed record Notification(
    string Id,
    Recipient Recipient,
    string Subject,
    string TextBody,
    string? HtmlBody,
    IReadOnlyList<NotificationAttachment> Attachments)
{
    /// <summary>The workspace the notification belongs to, when the channel needs it (a popup reaches only its operators).</summary>
    public string? WorkspaceId { get; init; }
}
