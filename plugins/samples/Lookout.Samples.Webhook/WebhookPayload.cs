using System.Text.Json;
using System.Text.Json.Serialization;
using Lookout.Plugins;

namespace Lookout.Samples.Webhook;

/// <summary>The JSON body a webhook receives.</summary>
internal sealed record WebhookPayload(
    string Id,
    string? WorkspaceId,
    string Subject,
    string Text,
    string? Html,
    WebhookPayload.To Recipient,
    IReadOnlyList<WebhookPayload.File> Attachments)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Serialize(Notification notification) => JsonSerializer.SerializeToUtf8Bytes(
        new WebhookPayload(
            notification.Id,
            notification.WorkspaceId,
            notification.Subject,
            notification.TextBody,
            notification.HtmlBody,
            new To(notification.Recipient.Address, notification.Recipient.DisplayName, notification.Recipient.TimeZone),
            notification.Attachments.Select(a => new File(a.FileName, a.ContentType, Convert.ToBase64String(a.Content.Span))).ToList()),
        Json);

    internal sealed record To(string Address, string? DisplayName, string TimeZone);

    /// <summary>An attachment, its bytes in base64.</summary>
    internal sealed record File(string FileName, string ContentType, string Content);
}
