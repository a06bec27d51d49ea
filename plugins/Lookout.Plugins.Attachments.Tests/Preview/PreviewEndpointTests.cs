using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;

namespace Lookout.Plugins.Attachments.Tests.Preview;

/// <summary>The admin previews a template against sample data through the real host.</summary>
public sealed class PreviewEndpointTests(PreviewHost host) : IClassFixture<PreviewHost>
{
    private const string Route = "/api/plugins/attachments/preview";

    private static readonly object SampleLeads = new
    {
        leads = new object[]
        {
            new { name = "Ann Lee", company = "Acme; Sons", lastSeen = "2026-11-20T23:15:00Z", pageViews = 12 },
            new { name = "=cmd|' /C calc'!A0", company = "<script>alert(1)</script>", lastSeen = "2026-11-21T07:05:00Z", pageViews = 3 },
        },
    };

    [Fact]
    public async Task The_plugin_is_listed_as_a_loaded_built_in_with_its_four_formats()
    {
        using var admin = await host.App.SignInAsAdminAsync();

        var plugins = (await ApiClient.ReadAsync(await admin.GetAsync("/api/plugins"), HttpStatusCode.OK)).AsArray();

        var attachments = Assert.Single(plugins, p => (string?)p!["id"] == "attachments")!;
        Assert.Equal("loaded", (string?)attachments["status"]);
        Assert.Equal("built-in", (string?)attachments["source"]);
        Assert.Equal(["csv", "html", "json", "txt"], attachments["attachmentRenderers"]!.AsArray().Select(f => (string?)f).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_csv_preview_follows_the_csv_preference_and_time_zone_given()
    {
        using var admin = await host.App.SignInAsAdminAsync();

        var preview = await ReadAsync(await admin.PostAsync(Route, new
        {
            format = "csv",
            template = "{{ \"Name\" | csv_header: \"Company\", \"Last seen\", \"Views\" }}\n{% for lead in leads %}\n{{ lead.name | csv_row: lead.company, lead.lastSeen, lead.pageViews }}\n{% endfor %}\n",
            sampleData = SampleLeads,
            csv = new { delimiter = ";", header = true, dateFormat = "dd.MM.yyyy HH:mm", encoding = "utf-8-bom" },
            timeZone = "Europe/Berlin",
        }), HttpStatusCode.OK);

        Assert.Equal("text/csv; charset=utf-8", (string?)preview["contentType"]);
        Assert.Equal("preview.csv", (string?)preview["fileName"]);
        Assert.Equal(
            "Name;Company;Last seen;Views\r\nAnn Lee;\"Acme; Sons\";21.11.2026 00:15;12\r\n\"'=cmd|' /C calc'!A0\";<script>alert(1)</script>;21.11.2026 08:05;3\r\n",
            (string?)preview["content"]);
        Assert.Contains(preview["warnings"]!.AsArray(), w => ((string?)w)!.Contains("byte order mark", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_html_preview_is_escaped()
    {
        using var admin = await host.App.SignInAsAdminAsync();

        var preview = await ReadAsync(await admin.PostAsync(Route, new
        {
            format = "html",
            template = "<ul>{% for lead in leads %}<li>{{ lead.name }} ({{ lead.company }})</li>{% endfor %}</ul>",
            sampleData = SampleLeads,
        }), HttpStatusCode.OK);

        Assert.Equal("text/html; charset=utf-8", (string?)preview["contentType"]);
        Assert.Contains("(&lt;script&gt;alert(1)&lt;/script&gt;)", (string?)preview["content"], StringComparison.Ordinal);
        Assert.Empty(preview["warnings"]!.AsArray());
    }

    [Fact]
    public async Task A_template_with_a_syntax_error_is_a_400_on_template_with_line_and_column()
    {
        using var admin = await host.App.SignInAsAdminAsync();

        var problem = await Problem.ReadAsync(await admin.PostAsync(Route, new
        {
            format = "txt",
            template = "Leads\n{% for lead in leads %}\n  {{ lead.name }} {{ lead.lastSeen | format_date: }}\n{% endfor %}",
            sampleData = SampleLeads,
        }), HttpStatusCode.BadRequest);

        Assert.Equal(["template"], Problem.Fields(problem));
        Assert.StartsWith("Line 3, column 49: End of tag", (string?)problem["errors"]!["template"]![0], StringComparison.Ordinal);
        Assert.Equal(3, (int?)problem["line"]);
        Assert.Equal(49, (int?)problem["column"]);
    }

    [Fact]
    public async Task A_template_that_would_write_gigabytes_is_a_400_quickly_and_the_host_goes_on()
    {
        using var admin = await host.App.SignInAsAdminAsync();
        var items = Enumerable.Range(0, 1000).ToArray();
        var clock = Stopwatch.StartNew();

        var problem = await Problem.ReadAsync(await admin.PostAsync(Route, new
        {
            format = "txt",
            template = "{% for a in items %}{% for b in items %}{% for c in items %}{{ c }} {% endfor %}{% endfor %}{% endfor %}",
            sampleData = new { items },
        }), HttpStatusCode.BadRequest);

        // The output cap or, on a busy machine, the 2 s deadline: either stops it.
        Assert.Contains("and was stopped.", (string?)problem["errors"]!["template"]![0], StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        using var health = await admin.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Unknown_format_time_zone_and_csv_preference_are_400s_naming_the_fields()
    {
        using var admin = await host.App.SignInAsAdminAsync();

        var problem = await Problem.ReadAsync(await admin.PostAsync(Route, new
        {
            format = "pdf",
            template = "x",
            sampleData = new[] { 1 },
            timeZone = "Mars/Olympus",
            csv = new { delimiter = "|", dateFormat = "%", encoding = "latin-1" },
        }), HttpStatusCode.BadRequest);

        Assert.Equal(["csv.dateFormat", "csv.delimiter", "csv.encoding", "format", "sampleData", "timeZone"], Problem.Fields(problem));
    }

    [Fact]
    public async Task Only_admins_may_preview()
    {
        using var admin = await host.App.SignInAsAdminAsync();
        var email = $"rep.{Guid.NewGuid():N}@example.com";
        await ReadAsync(await admin.PostAsync("/api/workspaces/users", new { email, displayName = "Rep", role = "SalesRep", password = "rep-password-123" }), HttpStatusCode.Created);
        using var rep = host.App.CreateClient();
        await rep.SignInAsync(email, "rep-password-123");

        using var response = await rep.PostAsync(Route, new { format = "txt", template = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            return await ApiClient.ReadAsync(response, expected);
        }
    }
}
