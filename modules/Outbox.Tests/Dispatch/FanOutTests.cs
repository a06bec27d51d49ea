using Lookout.Testing;
using System.Text;
using Lookout.Contacts.Contracts;
using Lookout.Kernel.Storage;
using Lookout.Outbox.Contracts;
using Lookout.Outbox.Dispatch;
using Lookout.Outbox.Deliveries;
using Lookout.Outbox.Tests.Support;
using Lookout.Plugins;
using ContactsCsv = Lookout.Contacts.Contracts.CsvPreference;

namespace Lookout.Outbox.Tests.Dispatch;

/// <summary>A message's recipients become deliveries when it is dispatched; attachments are rendered for each of them.</summary>
public abstract class FanOutTests(SqlDialect dialect)
{
    private static readonly RecipientSpec AlertRecipients = new([RecipientEntry.LeadOwner, RecipientEntry.List("sales"), RecipientEntry.Contact("gone")]);

    private static RecipientDelivery Person(string name, string timeZone, params ChannelAddress[] addresses) =>
        new($"email:{name}", name, addresses, timeZone, ContactsCsv.Default, [RecipientEntry.List("sales")], null, null);

    private static OutboxMessage ToSpec(string key, string channel, RecipientSpec spec) =>
        new(OutboxOnDatabase.Workspace, key, channel, OutboxRecipients.Resolve(spec), "Ann is on /pricing", "Ann has been on /pricing for 2 minutes.")
        {
            Context = new RecipientContext(null, "owner-1", "site-1"),
        };

    [Fact]
    public async Task A_recipient_spec_is_resolved_when_dispatched_into_one_delivery_per_address_and_no_one_is_dropped()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        var email = outbox.AddChannel("email");
        outbox.Resolver.Answer = _ => new RecipientResolution(
            [
                Person("Olga Owner", "Europe/Paris", new ChannelAddress("email", "olga@example.com")),
                Person("Sam Sales", "America/New_York", new ChannelAddress("email", "sam@example.com"), new ChannelAddress("sms", "+15551234567")),
                Person("Tex Texter", "Etc/UTC", new ChannelAddress("sms", "+15557654321")),
            ],
            [new UnreachableRecipient(RecipientEntry.Contact("gone"), null, "No such contact in this workspace.")],
            null);

        await outbox.EnqueueAsync(ToSpec("alert-1", "email", AlertRecipients));
        Assert.Empty(outbox.Resolver.Asked);
        await outbox.StartDispatcherAsync();

        await Eventually.TrueAsync(() => email.Confirmed.Count == 2, "both email addresses delivered");
        var asked = Assert.Single(outbox.Resolver.Asked);
        Assert.Equal(OutboxOnDatabase.Workspace, asked.WorkspaceId);
        Assert.Equal(AlertRecipients.Entries, asked.Spec.Entries);
        Assert.Equal(new RecipientContext(null, "owner-1", "site-1"), asked.Context);
        Assert.Equal(["olga@example.com", "sam@example.com"], email.Calls.Select(n => n.Recipient.Address).Order(StringComparer.Ordinal));
        Assert.Equal("America/New_York", email.Calls.Single(n => n.Recipient.Address == "sam@example.com").Recipient.TimeZone);
        Assert.Equal("Sam Sales", email.Calls.Single(n => n.Recipient.Address == "sam@example.com").Recipient.DisplayName);

        var dead = (await outbox.DeliveriesAsync()).Where(d => d.Status == DeliveryStatus.Dead).OrderBy(d => d.RecipientName, StringComparer.Ordinal).ToList();
        Assert.Equal(["Contact gone", "Tex Texter"], dead.Select(d => d.RecipientName));
        Assert.Equal(["No such contact in this workspace.", "Has no email address (only sms)."], dead.Select(d => d.LastReason));
        Assert.All(dead, d => Assert.Equal("", d.Address));
    }

    [Fact]
    public async Task Resolving_again_after_a_crash_adds_no_delivery_twice()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        var email = outbox.AddChannel("email");
        outbox.Resolver.Answer = _ => new RecipientResolution([Person("Olga Owner", "Etc/UTC", new ChannelAddress("email", "olga@example.com"))], [], null);
        await outbox.EnqueueAsync(ToSpec("alert-1", "email", AlertRecipients));
        var message = Assert.Single(await outbox.Store.ClaimMessagesAsync(10, outbox.Clock.GetUtcNow().ToUnixTimeMilliseconds(), 0, CancellationToken.None));
        var deliveries = RecipientFanOut.Deliveries(outbox.Resolver.Answer(AlertRecipients), "email");
        // The first host wrote the deliveries but died before anything else; the next one resolves the message again.
        await outbox.Store.CompleteResolutionAsync(message, deliveries, 0, CancellationToken.None);

        await outbox.Store.CompleteResolutionAsync(message, deliveries, 0, CancellationToken.None);
        await outbox.StartDispatcherAsync();

        await outbox.StatusBecomesAsync("olga@example.com", DeliveryStatus.Delivered);
        Assert.Single(await outbox.DeliveriesAsync());
        Assert.Single(email.Calls);
    }

    [Fact]
    public async Task Template_attachments_are_rendered_for_each_recipient_in_their_time_zone_and_CSV_preference()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        var email = outbox.AddChannel("email");
        outbox.Plugins.Add(new EchoRenderer());
        await outbox.StartDispatcherAsync();
        var at = new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);
        var data = new Dictionary<string, object?> { ["at"] = at, ["pages"] = new[] { "/pricing", "/" }, ["count"] = 2 };

        await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "email", "ann@example.com") with
        {
            Recipients = OutboxRecipients.To(
                new Recipient("paris@example.com", "Paris", "Europe/Paris", new Plugins.CsvPreference(";", true, "dd/MM/yyyy", "utf-8")),
                new Recipient("tokyo@example.com", "Tokyo", "Asia/Tokyo", Plugins.CsvPreference.Default)),
            HtmlBody = "<p>Ann</p>",
            Attachments =
            [
                OutboxAttachment.FromTemplate(new AttachmentTemplate("txt", "visits", data, "visits")),
                OutboxAttachment.Of(new NotificationAttachment("logo.png", "image/png", new byte[] { 1, 2, 3 })),
            ],
        });

        await Eventually.TrueAsync(() => email.Confirmed.Count == 2, "both delivered");
        string Rendered(string address) => Encoding.UTF8.GetString(email.Calls.Single(n => n.Recipient.Address == address).Attachments[0].Content.Span);
        Assert.Equal("visits|Europe/Paris|;|2026-11-21 10:30 +01:00", Rendered("paris@example.com"));
        Assert.Equal("visits|Asia/Tokyo|,|2026-11-21 18:30 +09:00", Rendered("tokyo@example.com"));
        var tokyo = email.Calls.Single(n => n.Recipient.Address == "tokyo@example.com");
        Assert.Equal("visits.txt", tokyo.Attachments[0].FileName);
        Assert.Equal(new byte[] { 1, 2, 3 }, tokyo.Attachments[1].Content.ToArray());
        Assert.Equal("<p>Ann</p>", tokyo.HtmlBody);
    }

    [Fact]
    public async Task A_template_that_cannot_be_rendered_makes_a_dead_letter_that_says_where()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        var email = outbox.AddChannel("email");
        outbox.Plugins.Add(new EchoRenderer());
        await outbox.StartDispatcherAsync();

        await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-1", "email", "ann@example.com") with
        {
            Attachments =
            [
                OutboxAttachment.FromTemplate(new AttachmentTemplate("txt", "{{broken", new Dictionary<string, object?>(), "visits")),
            ],
        });
        await outbox.EnqueueAsync(OutboxOnDatabase.Message("alert-2", "email", "bob@example.com") with
        {
            Attachments = [OutboxAttachment.FromTemplate(new AttachmentTemplate("xlsx", "x", new Dictionary<string, object?>(), "visits"))],
        });

        await outbox.StatusBecomesAsync("ann@example.com", DeliveryStatus.Dead);
        await outbox.StatusBecomesAsync("bob@example.com", DeliveryStatus.Dead);
        Assert.Equal("The attachment visits could not be rendered (line 1, column 3): Unclosed expression.", (await outbox.DeliveryToAsync("ann@example.com")).LastReason);
        Assert.Equal("No loaded plugin renders 'xlsx' attachments (visits).", (await outbox.DeliveryToAsync("bob@example.com")).LastReason);
        Assert.Empty(email.Calls);
    }

    [Fact]
    public async Task A_message_a_channel_could_not_send_is_refused_when_enqueued()
    {
        await using var outbox = await OutboxOnDatabase.CreateAsync(dialect);
        var valid = OutboxOnDatabase.Message("alert-1", "email", "ann@example.com");

        foreach (var invalid in new[]
        {
            valid with { IdempotencyKey = " " },
            valid with { Channel = "E-mail" },
            valid with { Subject = "Two\r\nlines" },
            valid with { Recipients = OutboxRecipients.To() },
            valid with { Recipients = OutboxRecipients.Resolve(new RecipientSpec([])) },
            valid with { Attachments = [OutboxAttachment.FromTemplate(new AttachmentTemplate("csv", "", new Dictionary<string, object?> { ["x"] = new object() }, "f"))] },
        })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => outbox.EnqueueAsync(invalid));
        }
        Assert.Empty(await outbox.DeliveriesAsync());
    }
}

public sealed class FanOutOnSqlite() : FanOutTests(SqlDialect.Sqlite);

public sealed class FanOutOnPostgreSql() : FanOutTests(SqlDialect.PostgreSql);
