using Lookout.Contacts.Contracts;
using Lookout.Plugins;

namespace Lookout.Outbox.Contracts;

/// <summary>
/// One notification to send through one channel to one or more recipients. The dispatcher fans it out into one
/// delivery per recipient address, each retried on its own: a retry never re-sends a delivery already confirmed.
/// </summary>
/// <param name="WorkspaceId">The workspace it belongs to: recipients are resolved in it and the delivery log shows it there only.</param>
/// <param name="IdempotencyKey">
/// Unique per workspace for what caused it (e.g. <c>wizard-alert:42:visit:abc</c>): a second message with the same key
/// is ignored. At most 200 characters.
/// </param>
/// <param name="Channel">The channel's name, e.g. <c>email</c>, <c>sms</c>, <c>popup</c>, <c>webhook</c>. A channel no loaded plugin provides makes dead letters.</param>
/// <param name="Recipients">Who gets it: a recipient spec resolved when it is dispatched, or concrete recipients.</param>
/// <param name="Subject">One line of plain text (an email's subject, a popup's title); no CR or LF.</param>
/// <param name="TextBody">The body as plain text.</param>
public sealed record OutboxMessage(
    string WorkspaceId,
    string IdempotencyKey,
    string Channel,
    OutboxRecipients Recipients,
    string Subject,
    string TextBody)
{
    /// <summary>The body as HTML, for channels that show it; null when there is none.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>Files sent with it: rendered already, or rendered for each recipient when dispatched.</summary>
    public IReadOnlyList<OutboxAttachment> Attachments { get; init; } = [];

    /// <summary>
    /// What a recipient spec's moment-dependent entries mean (the lead's owner, the site whose default owner stands in,
    /// the current user); unused for concrete recipients.
    /// </summary>
    public RecipientContext Context { get; init; } = new(null, null, null);
}

/// <summary>Who gets an <see cref="OutboxMessage"/>: exactly one of <see cref="Spec"/> and <see cref="Addresses"/> is set.</summary>
public sealed record OutboxRecipients
{
    private OutboxRecipients(RecipientSpec? spec, IReadOnlyList<Recipient>? addresses)
    {
        Spec = spec;
        Addresses = addresses;
    }

    /// <summary>Users, contacts, lists, the lead's owner, ad hoc addresses: resolved by the contacts module when dispatched.</summary>
    public RecipientSpec? Spec { get; }

    /// <summary>Concrete recipients, each with the address the channel delivers to.</summary>
    public IReadOnlyList<Recipient>? Addresses { get; }

    /// <summary>Recipients resolved when the message is dispatched, so that changes to contacts and lists made meanwhile apply.</summary>
    /// <param name="spec">The spec, as a trigger or alert stores it.</param>
    public static OutboxRecipients Resolve(RecipientSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new(spec, null);
    }

    /// <summary>Recipients known already.</summary>
    /// <param name="recipients">Each with the address the message's channel delivers to.</param>
    public static OutboxRecipients To(params IEnumerable<Recipient> recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        return new(null, recipients.ToList());
    }
}

/// <summary>A file sent with an <see cref="OutboxMessage"/>: exactly one of <see cref="Rendered"/> and <see cref="Template"/> is set.</summary>
public sealed record OutboxAttachment
{
    private OutboxAttachment(NotificationAttachment? rendered, AttachmentTemplate? template)
    {
        Rendered = rendered;
        Template = template;
    }

    /// <summary>The same bytes for every recipient.</summary>
    public NotificationAttachment? Rendered { get; }

    /// <summary>A template rendered for each recipient (their time zone, their CSV preference) when dispatched.</summary>
    public AttachmentTemplate? Template { get; }

    /// <summary>An attachment rendered already.</summary>
    /// <param name="attachment">File name, media type and bytes.</param>
    public static OutboxAttachment Of(NotificationAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return new(attachment, null);
    }

    /// <summary>An attachment rendered per recipient by the <see cref="IAttachmentRenderer"/> of <see cref="AttachmentTemplate.Format"/>.</summary>
    /// <param name="template">Format, template, data and file name.</param>
    public static OutboxAttachment FromTemplate(AttachmentTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new(null, template);
    }
}

/// <summary>What to render into an attachment when a delivery is dispatched.</summary>
/// <param name="Format">The renderer's format, e.g. <c>csv</c>. A format no loaded plugin renders makes dead letters.</param>
/// <param name="Template">The template's source.</param>
/// <param name="Data">
/// The values the template uses: strings, numbers, booleans, <see cref="DateTimeOffset"/>s (shown in each recipient's
/// time zone), nested dictionaries of the same shape, or lists of those. Stored with the message, types kept.
/// </param>
/// <param name="FileName">The file's name without extension, e.g. <c>visits-2026-11-21</c>.</param>
public sealed record AttachmentTemplate(string Format, string Template, IReadOnlyDictionary<string, object?> Data, string FileName);
