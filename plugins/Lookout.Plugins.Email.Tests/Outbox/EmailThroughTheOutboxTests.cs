using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;
using Lookout.Outbox.Contracts;
using Lookout.Plugins.Email.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Plugins.Email.Tests.Outbox;

/// <summary>
/// The real host, its outbox and its plugins: an alert with an HTML body and a CSV attachment rendered from a template
/// by the attachments plugin leaves through the email plugin, to a real SMTP server or, with none set, to the pickup
/// folder that admins read under "Outbox mail". The secure server requires STARTTLS and AUTH, with a self-signed
/// certificate that the host trusts only because its fingerprint is in <c>Plugins:email:TrustedCertificates</c>.
/// </summary>
public sealed class EmailThroughTheOutboxTests(SmtpServer server, SecureSmtpServer secure) : IClassFixture<SmtpServer>, IClassFixture<SecureSmtpServer>, IAsyncLifetime
{
    private const string Template = """
        {{ "Page" | csv_header: "Entered", "Seconds" }}
        {% for view in pageViews %}
        {{ view.url | csv_row: view.enteredAt, view.seconds }}
        {% endfor %}
        """;

    private readonly string _pickup = Path.Combine(Path.GetTempPath(), $"lookout-pickup-{Guid.NewGuid():N}");
    private readonly List<LookoutApp> _apps = [];

    // Unique per test: the SMTP server is shared by the class's tests.
    private readonly string _subject = $"Ann Smith is on /pricing ({Guid.NewGuid():N})";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
        if (Directory.Exists(_pickup))
        {
            Directory.Delete(_pickup, recursive: true);
        }
    }

    [Fact]
    public async Task An_email_with_an_html_body_and_a_rendered_csv_attachment_reaches_the_smtp_server()
    {
        var app = await StartAsync(new()
        {
            ["Plugins:email:Host"] = "127.0.0.1",
            ["Plugins:email:AllowPrivateNetworks"] = "true",
            ["Plugins:email:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Plugins:email:StartTls"] = "false",
            ["Plugins:email:FromAddress"] = "alerts@lookout.example",
        });
        using var admin = await app.AdminOfNewWorkspaceAsync();
        var ann = new Recipient("ann@acme.example", "Ann Smith", "Europe/Berlin", new CsvPreference(";", true, "dd.MM.yyyy HH:mm", CsvPreference.Utf8));

        await EnqueueAsync(app, admin.WorkspaceId!, "visit-report", ann);

        var mail = await server.ReceivedAsync("Subject", _subject);
        Assert.Equal(admin.WorkspaceId, mail.Header(EmailChannel.WorkspaceHeader));
        var parts = mail.Parts;
        Assert.Equal(["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/csv"], parts.Select(p => p.ContentType));
        Assert.Equal("Ann has been on /pricing for 2 minutes.", parts[2].Content);
        Assert.Equal("<p>Ann has been on <b>/pricing</b> for 2 minutes.</p>", parts[3].Content);
        Assert.Equal("visits.csv", parts[4].FileName);
        // Rendered for Ann: her delimiter, her date format, her time zone (09:30 UTC is 10:30 in Berlin in November).
        Assert.Equal("Page;Entered;Seconds\r\n/pricing;21.11.2026 10:30;120\r\n/=cmd;21.11.2026 10:32;5\r\n", parts[4].Content);
        await DeliveredAsync(admin);
    }

    [Fact]
    public async Task An_email_through_the_outbox_reaches_a_server_over_starttls_with_auth_and_its_attachments_arrive_intact()
    {
        var app = await StartAsync(SecureSettings());
        using var admin = await app.AdminOfNewWorkspaceAsync();
        var report = RandomNumberGenerator.GetBytes(300_000);

        await app.Services.GetRequiredService<IOutbox>().EnqueueAsync(
            new OutboxMessage(admin.WorkspaceId!, "secure", "email", OutboxRecipients.To(new Recipient("ann@acme.example", "Zoë Ærøskøbing", "Europe/Berlin", CsvPreference.Default)), _subject, "The weekly report.")
            {
                HtmlBody = "<p>The weekly <b>report</b>.</p>",
                Attachments =
                [
                    OutboxAttachment.Of(new NotificationAttachment("Wochenbericht März — KW 12.pdf", "application/pdf", report)),
                    OutboxAttachment.FromTemplate(new AttachmentTemplate("csv", Template, PageViews(), "visits")),
                ],
            },
            CancellationToken.None);

        var mail = await secure.ReceivedAsync("Subject", _subject, TimeSpan.FromSeconds(20));
        Assert.True(mail.Tls);
        Assert.Equal(SecureSmtpServer.UserName, mail.AuthenticatedAs);
        Assert.Equal("Zoë Ærøskøbing <ann@acme.example>", mail.Header("To"));
        var parts = mail.Parts;
        Assert.Equal(["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "application/pdf", "text/csv"], parts.Select(p => p.ContentType));
        Assert.Equal("Wochenbericht März — KW 12.pdf", parts[4].FileName);
        Assert.Equal(report, mail.BytesOf(4));
        // Rendered by the Liquid template for the recipient: the default CSV preference (ISO dates), in Berlin time.
        Assert.Equal("visits.csv", parts[5].FileName);
        Assert.Equal("Page,Entered,Seconds\r\n/pricing,2026-11-21T10:30:00+01:00,120\r\n/=cmd,2026-11-21T10:32:00+01:00,5\r\n", parts[5].Content);
        await DeliveredAsync(admin);
    }

    [Fact]
    public async Task A_batch_of_outbox_emails_goes_over_one_smtp_connection()
    {
        // One send at a time: with more, the channel opens at most as many connections as sends run at once.
        var settings = SecureSettings();
        settings["Outbox:Channels:email:Concurrency"] = "1";
        var app = await StartAsync(settings);
        using var admin = await app.AdminOfNewWorkspaceAsync();
        var subjects = Enumerable.Range(1, 6).Select(i => $"{_subject} #{i}").ToList();

        foreach (var subject in subjects)
        {
            await app.Services.GetRequiredService<IOutbox>().EnqueueAsync(
                new OutboxMessage(admin.WorkspaceId!, subject, "email", OutboxRecipients.To(Recipient.At("ann@acme.example")), subject, "One of a batch."),
                CancellationToken.None);
        }

        var received = new List<ReceivedMail>();
        foreach (var subject in subjects)
        {
            received.Add(await secure.ReceivedAsync("Subject", subject, TimeSpan.FromSeconds(20)));
        }
        Assert.Single(received.Select(m => m.Peer).Distinct());
        Assert.All(received, m => Assert.True(m.Tls && m.AuthenticatedAs == SecureSmtpServer.UserName));
    }

    [Fact]
    public async Task With_no_smtp_server_the_eml_appears_in_the_pickup_folder_and_in_outbox_mail_of_its_workspace_only()
    {
        var app = await StartAsync(new() { ["Plugins:email:PickupDirectory"] = _pickup });
        using var admin = await app.AdminOfNewWorkspaceAsync();
        using var other = await app.AdminOfNewWorkspaceAsync();

        await EnqueueAsync(app, admin.WorkspaceId!, "visit-report", Recipient.At("ann@acme.example"));
        await DeliveredAsync(admin);

        var file = Assert.Single(Directory.GetFiles(_pickup, "*.eml"));
        using var listed = await admin.GetAsync("/api/plugins/email/pickup");
        var message = Assert.Single((await ApiClient.ReadAsync(listed, HttpStatusCode.OK)).AsArray())!;
        Assert.Equal((Path.GetFileName(file), _subject, "ann@acme.example"), (message["name"]!.GetValue<string>(), message["subject"]!.GetValue<string>(), message["to"]!.GetValue<string>()));

        using var raw = await admin.GetAsync($"/api/plugins/email/pickup/{Path.GetFileName(file)}");
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal("text/plain", raw.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllTextAsync(file), await raw.Content.ReadAsStringAsync());

        using var othersList = await other.GetAsync("/api/plugins/email/pickup");
        Assert.Empty((await ApiClient.ReadAsync(othersList, HttpStatusCode.OK)).AsArray());
        using var othersRead = await other.GetAsync($"/api/plugins/email/pickup/{Path.GetFileName(file)}");
        Assert.Equal(HttpStatusCode.NotFound, othersRead.StatusCode);
        using var traversal = await admin.GetAsync("/api/plugins/email/pickup/..%2F..%2Fappsettings.json");
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [Fact]
    public async Task Smtp_settings_saved_by_an_admin_apply_to_the_next_email_and_bad_ones_are_refused_by_field()
    {
        // The test's SMTP server is on loopback: this installation allows private networks.
        var app = await StartAsync(new() { ["Plugins:email:PickupDirectory"] = _pickup, ["Plugins:email:AllowPrivateNetworks"] = "true" });
        using var admin = await app.AdminOfNewWorkspaceAsync();

        using (var badPort = await admin.PutAsync("/api/plugins/email/settings", new { host = "127.0.0.1", port = 70000, fromAddress = "not an address" }))
        {
            Assert.Equal(["fromAddress", "port"], Problem.Fields(await Problem.ReadAsync(badPort, HttpStatusCode.BadRequest)));
        }
        using (var saved = await admin.PutAsync("/api/plugins/email/settings", new { host = "127.0.0.1", port = server.Port, startTls = false, fromAddress = "saved@lookout.example", userName = "", password = "" }))
        {
            var view = await ApiClient.ReadAsync(saved, HttpStatusCode.OK);
            Assert.Equal(("127.0.0.1", server.Port), (view["values"]!["host"]!.GetValue<string>(), view["values"]!["port"]!.GetValue<int>()));
            Assert.False(view["values"]!.AsObject().ContainsKey("password"));
        }

        await EnqueueAsync(app, admin.WorkspaceId!, "after-save", Recipient.At("ann@acme.example"));

        var mail = await server.ReceivedAsync("Subject", _subject, TimeSpan.FromSeconds(20));
        Assert.Equal("saved@lookout.example", mail.Parsed["mailFrom"]!.GetValue<string>());
        Assert.False(Directory.Exists(_pickup) && Directory.GetFiles(_pickup, "*.eml").Length > 0);
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.5")]
    public async Task An_smtp_host_at_a_private_address_is_refused_by_field_on_an_installation_that_does_not_allow_private_networks(string host)
    {
        var app = await StartAsync(new() { ["Plugins:email:PickupDirectory"] = _pickup });
        using var admin = await app.AdminOfNewWorkspaceAsync();

        using var refused = await admin.PutAsync("/api/plugins/email/settings", new { host, port = 25, startTls = false, fromAddress = "saved@lookout.example", userName = "", password = "" });

        Assert.Equal(["host"], Problem.Fields(await Problem.ReadAsync(refused, HttpStatusCode.BadRequest)));
    }

    private Dictionary<string, string?> SecureSettings() => new()
    {
        ["Plugins:email:Host"] = "127.0.0.1",
        ["Plugins:email:AllowPrivateNetworks"] = "true",
        ["Plugins:email:TrustedCertificates"] = secure.Fingerprint,
        ["Plugins:email:Port"] = secure.Port.ToString(CultureInfo.InvariantCulture),
        ["Plugins:email:StartTls"] = "true",
        ["Plugins:email:UserName"] = SecureSmtpServer.UserName,
        ["Plugins:email:Password"] = SecureSmtpServer.Password,
        ["Plugins:email:FromAddress"] = "alerts@lookout.example",
    };

    private async Task<LookoutApp> StartAsync(Dictionary<string, string?> settings)
    {
        settings["Outbox:PollInterval"] = "00:00:00.100";
        var app = await LookoutApp.StartAsync(settings: settings);
        _apps.Add(app);
        return app;
    }

    private static Dictionary<string, object?> PageViews() => new()
    {
        ["pageViews"] = new List<object?>
        {
            new Dictionary<string, object?> { ["url"] = "/pricing", ["enteredAt"] = new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.Zero), ["seconds"] = 120 },
            new Dictionary<string, object?> { ["url"] = "/=cmd", ["enteredAt"] = new DateTimeOffset(2026, 11, 21, 9, 32, 0, TimeSpan.Zero), ["seconds"] = 5 },
        },
    };

    private Task<bool> EnqueueAsync(LookoutApp app, string workspaceId, string key, Recipient recipient)
    {
        var data = PageViews();
        return app.Services.GetRequiredService<IOutbox>().EnqueueAsync(
            new OutboxMessage(workspaceId, key, "email", OutboxRecipients.To(recipient), _subject, "Ann has been on /pricing for 2 minutes.")
            {
                HtmlBody = "<p>Ann has been on <b>/pricing</b> for 2 minutes.</p>",
                Attachments = [OutboxAttachment.FromTemplate(new AttachmentTemplate("csv", Template, data, "visits"))],
            },
            CancellationToken.None);
    }

    private static async Task DeliveredAsync(ApiClient admin)
    {
        for (var i = 0; i < 200; i++)
        {
            using var response = await admin.GetAsync("/api/outbox/deliveries?channel=email");
            var items = (await ApiClient.ReadAsync(response, HttpStatusCode.OK))["items"]!.AsArray();
            if (items.Any(d => d!["status"]!.GetValue<string>() == "delivered"))
            {
                return;
            }
            Assert.DoesNotContain(items, d => d!["status"]!.GetValue<string>() == "dead");
            await Task.Delay(50);
        }
        throw new TimeoutException("The email was not delivered: " + JsonValue.Create("see the delivery log"));
    }
}
