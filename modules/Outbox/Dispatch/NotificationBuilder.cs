using Lookout.Kernel.Plugins;
using Lookout.Outbox.Deliveries;
using Lookout.Outbox.Messages;
using Lookout.Plugins;

namespace Lookout.Outbox.Dispatch;

/// <summary>Builds the notification a channel is handed for one delivery, rendering template attachments for its recipient.</summary>
internal sealed class NotificationBuilder(IAttachmentRendererRegistry renderers)
{
    /// <summary>The notification, or the permanent failure that stops it (a template that cannot be rendered).</summary>
    public async Task<(Notification? Notification, DeliveryResult? Failure)> BuildAsync(ClaimedDelivery delivery, MessagePayload payload, CancellationToken cancellationToken)
    {
        var recipient = delivery.Recipient;
        var attachments = new List<NotificationAttachment>(payload.Attachments.Count);
        foreach (var attachment in payload.Attachments)
        {
            if (attachment.Rendered is { } rendered)
            {
                attachments.Add(rendered);
                continue;
            }
            if (attachment.TemplateProblem is { } problem)
            {
                return (null, DeliveryResult.Permanent(
                    $"The attachment {attachment.FileName} was stored as a Handlebars template, which could not be converted to Liquid: {problem}"));
            }
            var renderer = renderers.Find(attachment.Format!);
            if (renderer is null)
            {
                return (null, DeliveryResult.Permanent($"No loaded plugin renders '{attachment.Format}' attachments ({attachment.FileName})."));
            }
            try
            {
                var data = TemplateData.Read(attachment.Data ?? []);
                attachments.Add(await renderer.RenderAsync(new AttachmentRenderRequest(attachment.Template ?? "", data, recipient, attachment.FileName), cancellationToken));
            }
            catch (AttachmentTemplateException e)
            {
                var where = e.Line is { } line ? $" (line {line}, column {e.Column})" : "";
                return (null, DeliveryResult.Permanent($"The attachment {attachment.FileName} could not be rendered{where}: {e.Message}"));
            }
        }
        var notification = new Notification(delivery.IdempotencyKey, recipient, payload.Subject, payload.TextBody, payload.HtmlBody, attachments)
        {
            WorkspaceId = delivery.WorkspaceId,
        };
        return (notification, null);
    }
}
