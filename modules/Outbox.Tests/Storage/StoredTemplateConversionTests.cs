using System.Text;
using Dapper;
using Lookout.Kernel.Storage;
using Lookout.Kernel.Templates;
using Lookout.Outbox.Contracts;
using Lookout.Outbox.Deliveries;
using Lookout.Outbox.Messages;
using Lookout.Outbox.Tests.Support;
using Lookout.Plugins;
using Lookout.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lookout.Outbox.Tests.Storage;

/// <summary>Messages stored while attachment templates were Handlebars keep working once templates are Liquid.</summary>
public abstract class StoredTemplateConversionTests(SqlDialect dialect)
{
    private static readonly Dictionary<string, object?> Leads = new() { ["leads"] = new List<object?> { new Dictionary<string, object?> { ["name"] = "Ann" } } };

    [Fact]
    public async Task Handlebars_templates_stored_before_liquid_are_converted_once_and_those_that_cannot_be_fail_with_the_reason()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        var email = outbox.AddChannel("email");
        outbox.Plugins.Add(new EchoRenderer());
        await outbox.EnqueueAsync(WithTemplate("stored-1", "ann@example.com", "{{#each leads}}{{name}};{{/each}}"));
        await outbox.EnqueueAsync(WithTemplate("stored-2", "bob@example.com", "{{> footer}}"));
        await outbox.EnqueueAsync(OutboxOnDatabase.Message("stored-3", "email", "cy@example.com"));
        await StoredBeforeLiquidAsync(outbox.Database);
        var conversion = new StoredTemplateConversion(outbox.Store, new LiquidTemplates(), NullLogger<StoredTemplateConversion>.Instance);

        var first = await conversion.ConvertAsync(CancellationToken.None);
        var payloadsAfterFirst = await PayloadsAsync(outbox.Database);
        var second = await conversion.ConvertAsync(CancellationToken.None);

        Assert.Equal((1, 1), first);
        Assert.Equal((0, 0), second);
        Assert.Equal(payloadsAfterFirst, await PayloadsAsync(outbox.Database));
        Assert.Equal(["liquid"], await SyntaxesAsync(outbox.Database));

        await outbox.StartDispatcherAsync();
        await outbox.StatusBecomesAsync("ann@example.com", DeliveryStatus.Delivered);
        await outbox.StatusBecomesAsync("bob@example.com", DeliveryStatus.Dead);
        await outbox.StatusBecomesAsync("cy@example.com", DeliveryStatus.Delivered);
        // The echo renderer writes the template it was given: the Liquid one.
        var ann = email.Calls.Single(n => n.Recipient.Address == "ann@example.com");
        Assert.StartsWith("{% for lead in leads %}{{ lead.name }};{% endfor %}|", Encoding.UTF8.GetString(ann.Attachments[0].Content.Span), StringComparison.Ordinal);
        Assert.Equal(
            "The attachment visits was stored as a Handlebars template, which could not be converted to Liquid: Line 1, column 1: Partials ({{> name}}) have no Liquid equivalent here: Liquid templates cannot include others.",
            (await outbox.DeliveryToAsync("bob@example.com")).LastReason);
    }

    [Fact]
    public async Task New_messages_are_stored_as_liquid_and_never_converted()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        // Reads as Handlebars too: converting it would change it.
        await outbox.EnqueueAsync(WithTemplate("new-1", "ann@example.com", "{{ name }}{{#each x}}"));
        var conversion = new StoredTemplateConversion(outbox.Store, new LiquidTemplates(), NullLogger<StoredTemplateConversion>.Instance);
        var before = await PayloadsAsync(outbox.Database);

        Assert.Equal((0, 0), await conversion.ConvertAsync(CancellationToken.None));
        Assert.Equal(before, await PayloadsAsync(outbox.Database));
    }

    private static OutboxMessage WithTemplate(string key, string address, string template) =>
        OutboxOnDatabase.Message(key, "email", address) with
        {
            Attachments = [OutboxAttachment.FromTemplate(new AttachmentTemplate("txt", template, Leads, "visits"))],
        };

    /// <summary>The rows as a host before Liquid left them: the column the migration added is empty.</summary>
    private static Task<int> StoredBeforeLiquidAsync(LookoutDatabase database) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync("UPDATE ob_messages SET template_syntax = NULL", transaction: transaction));

    private static async Task<List<string>> PayloadsAsync(LookoutDatabase database)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT payload FROM ob_messages ORDER BY id")).ToList();
    }

    private static async Task<List<string?>> SyntaxesAsync(LookoutDatabase database)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<string?>("SELECT DISTINCT template_syntax FROM ob_messages")).ToList();
    }
}

public sealed class StoredTemplateConversionOnSqlite() : StoredTemplateConversionTests(SqlDialect.Sqlite);

public sealed class StoredTemplateConversionOnPostgreSql() : StoredTemplateConversionTests(SqlDialect.PostgreSql);
