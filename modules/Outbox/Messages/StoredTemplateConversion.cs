using Dapper;
using Lookout.Kernel.Storage;
using Lookout.Kernel.Templates;
using Lookout.Plugins;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lookout.Outbox.Messages;

/// <summary>
/// Converts, once, the attachment templates of messages stored while templates were Handlebars (their
/// <c>template_syntax</c> is NULL) into Liquid, before the dispatcher starts, and marks every such message
/// <c>liquid</c>. A template that cannot be converted is kept as it was with the reason beside it: its deliveries
/// fail with that reason (and it is logged), rather than being lost or sent with a broken attachment.
/// </summary>
internal sealed partial class StoredTemplateConversion(OutboxStore store, ILiquidTemplates liquid, ILogger<StoredTemplateConversion> logger) : IHostedService
{
    private const int Batch = 200;

    public async Task StartAsync(CancellationToken cancellationToken) => await ConvertAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Converts every message not converted yet; returns how many templates were converted and how many could not be.</summary>
    public async Task<(int Converted, int Failed)> ConvertAsync(CancellationToken cancellationToken)
    {
        var (converted, failed) = (0, 0);
        var database = store.Database;
        while (true)
        {
            List<(string Id, string Payload)> rows;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                rows = (await connection.QueryAsync<(string Id, string Payload)>(new CommandDefinition(
                    "SELECT id, payload FROM ob_messages WHERE template_syntax IS NULL ORDER BY id LIMIT @limit",
                    new { limit = Batch }, cancellationToken: cancellationToken))).ToList();
            }
            if (rows.Count == 0)
            {
                break;
            }
            foreach (var (id, json) in rows)
            {
                MessagePayload payload;
                try
                {
                    payload = MessagePayload.FromJson(json);
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
                {
                    // Unreadable either way: the dispatcher reports it when it meets it. Marked, so as not to be read again.
                    LogUnreadable(logger, id, e);
                    await MarkAsync(id, json, cancellationToken);
                    continue;
                }
                var attachments = new List<StoredAttachment>(payload.Attachments.Count);
                foreach (var attachment in payload.Attachments)
                {
                    if (attachment.Template is null || attachment.TemplateProblem is not null)
                    {
                        attachments.Add(attachment);
                        continue;
                    }
                    var problem = Convert(attachment.Template, out var template);
                    if (problem is null)
                    {
                        converted++;
                        attachments.Add(attachment with { Template = template });
                    }
                    else
                    {
                        failed++;
                        LogNotConverted(logger, id, attachment.FileName, problem);
                        attachments.Add(attachment with { TemplateProblem = problem });
                    }
                }
                await MarkAsync(id, (payload with { Attachments = attachments }).ToJson(), cancellationToken);
            }
        }
        if (converted + failed > 0)
        {
            LogConverted(logger, converted, failed);
        }
        return (converted, failed);
    }

    /// <summary>Stores the converted payload; another host that converted the row first wins, with the same result.</summary>
    private Task<int> MarkAsync(string id, string payload, CancellationToken cancellationToken) =>
        store.Database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ob_messages SET payload = @payload, template_syntax = 'liquid' WHERE id = @id AND template_syntax IS NULL",
            new { id, payload }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Why <paramref name="handlebars"/> cannot become Liquid, or null with the Liquid in <paramref name="template"/>.</summary>
    private string? Convert(string handlebars, out string template)
    {
        template = handlebars;
        var result = HandlebarsConversion.Convert(handlebars);
        if (!result.Converted)
        {
            return result.Problem;
        }
        try
        {
            liquid.Check(result.Liquid!, TemplateLimits.Default);
        }
        catch (LiquidTemplateException e)
        {
            return $"The converted template does not read as Liquid: {e.Message}";
        }
        template = result.Liquid!;
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId}: the Handlebars template of attachment {FileName} could not be converted to Liquid ({Problem}); its deliveries fail with this reason")]
    private static partial void LogNotConverted(ILogger logger, string messageId, string fileName, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} has a payload that cannot be read; its templates were not converted")]
    private static partial void LogUnreadable(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Converted {Converted} stored attachment templates from Handlebars to Liquid; {Failed} could not be converted (see the warnings above)")]
    private static partial void LogConverted(ILogger logger, int converted, int failed);
}
