using System.Text.Json;
using System.Text.Json.Nodes;
using Lookout.Contacts.Contracts;
using Lookout.Outbox.Contracts;
using Lookout.Plugins;

namespace Lookout.Outbox.Messages;

/// <summary>What a message carries besides its key and channel, as stored in <c>ob_messages.payload</c>.</summary>
internal sealed record MessagePayload(
    string Subject,
    string TextBody,
    string? HtmlBody,
    IReadOnlyList<StoredAttachment> Attachments,
    RecipientSpec? Spec,
    RecipientContext Context)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static MessagePayload Of(OutboxMessage message) => new(
        message.Subject,
        message.TextBody,
        message.HtmlBody,
        message.Attachments.Select(StoredAttachment.Of).ToList(),
        message.Recipients.Spec,
        message.Context);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static MessagePayload FromJson(string json) =>
        JsonSerializer.Deserialize<MessagePayload>(json, Json) ?? throw new InvalidDataException("An outbox message has an empty payload.");
}

/// <summary>An attachment as stored: bytes (<see cref="Content"/>) or a template rendered per recipient (<see cref="Format"/>).</summary>
/// <param name="TemplateProblem">
/// Why a template stored in Handlebars could not be converted to Liquid: its deliveries fail with this reason.
/// </param>
internal sealed record StoredAttachment(
    string FileName,
    string? ContentType,
    byte[]? Content,
    string? Format,
    string? Template,
    JsonObject? Data,
    string? TemplateProblem = null)
{
    public static StoredAttachment Of(OutboxAttachment attachment) => attachment.Rendered is { } rendered
        ? new(rendered.FileName, rendered.ContentType, rendered.Content.ToArray(), null, null, null)
        : new(attachment.Template!.FileName, null, null, attachment.Template.Format, attachment.Template.Template, TemplateData.Write(attachment.Template.Data));

    public NotificationAttachment? Rendered => Content is null ? null : new NotificationAttachment(FileName, ContentType ?? "application/octet-stream", Content);
}
