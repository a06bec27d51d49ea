using System.Text;
using System.Text.Json;
using Lookout.Plugins.Attachments.Tests.Support;

namespace Lookout.Plugins.Attachments.Tests.Rendering;

/// <summary>A lead report, as an admin would write it, in each format.</summary>
public sealed class FormatTests
{
    private readonly Renderers _renderers = new();

    private static readonly Recipient Berlin = new("rep@example.de", "Rita", "Europe/Berlin", new CsvPreference(";", true, "dd.MM.yyyy HH:mm", CsvPreference.Utf8WithBom));

    private const string CsvReport = """
        {{ "Name" | csv_header: "Email", "Company", "Last seen", "Page views", "Tags" }}
        {% for lead in leads %}
        {% assign tags = lead.tags | join: "|" %}
        {{ lead.name | csv_row: lead.email, lead.company, lead.lastSeen, lead.pageViews, tags }}
        {% endfor %}
        """;

    [Theory]
    [InlineData("csv", "text/csv; charset=utf-8", "leads.csv")]
    [InlineData("html", "text/html; charset=utf-8", "leads.html")]
    [InlineData("txt", "text/plain; charset=utf-8", "leads.txt")]
    [InlineData("json", "application/json; charset=utf-8", "leads.json")]
    public async Task Each_format_has_its_content_type_and_file_name(string format, string contentType, string fileName)
    {
        var attachment = await _renderers.RenderAsync(format, format == "json" ? "{}" : "x");

        Assert.Equal(contentType, attachment.ContentType);
        Assert.Equal(fileName, attachment.FileName);
        Assert.Equal(format, _renderers.For(format).Format);
    }

    [Fact]
    public async Task A_csv_lead_report_follows_the_recipients_delimiter_header_date_format_bom_and_time_zone()
    {
        var attachment = await _renderers.RenderAsync("csv", CsvReport, Renderers.LeadReport(), Berlin);

        var bytes = attachment.Content.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal(
            "Name;Email;Company;Last seen;Page views;Tags\r\n" +
            "Ann Lee;ann@example.com;\"Acme; Sons\";21.11.2026 00:15;12;pricing|demo\r\n" +
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\";mallory@example.com;<script>alert(1)</script>;21.11.2026 08:05;3;\r\n",
            text);
    }

    [Fact]
    public async Task A_csv_without_header_comma_and_no_bom_when_the_recipient_prefers_it()
    {
        var recipient = new Recipient("rep@example.com", null, "America/New_York", new CsvPreference(",", false, "yyyy-MM-dd HH:mm", CsvPreference.Utf8));

        var attachment = await _renderers.RenderAsync("csv", CsvReport, Renderers.LeadReport(), recipient);

        var text = Encoding.UTF8.GetString(attachment.Content.Span);
        Assert.StartsWith("Ann Lee,ann@example.com,Acme; Sons,2026-11-20 18:15,12,pricing|demo\r\n", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_tab_delimited_csv_quotes_cells_with_tabs_and_line_breaks_and_keeps_them_in_one_row()
    {
        var recipient = Recipient.At("rep@example.com") with { Csv = new CsvPreference("\t", false, "yyyy-MM-dd", CsvPreference.Utf8) };
        var data = new Dictionary<string, object?> { ["a"] = "one\ttwo", ["b"] = "line 1\nline 2", ["c"] = "plain" };

        var text = await _renderers.TextAsync("csv", "{{ a | csv_row: b, c }}", data, recipient);

        Assert.Equal("\"one\ttwo\"\t\"line 1\nline 2\"\tplain\r\n", text);
    }

    [Theory]
    [InlineData("=1+2")]
    [InlineData("+1")]
    [InlineData("-1")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tx")]
    [InlineData("\rx")]
    public async Task A_csv_cell_that_looks_like_a_formula_is_neutralised_in_rows_and_plain_values(string value)
    {
        var data = new Dictionary<string, object?> { ["value"] = value };

        var row = await _renderers.TextAsync("csv", "{{ value | csv_row }}", data);
        var plain = await _renderers.TextAsync("csv", "{{ value }};x", data);

        Assert.Contains("'" + value[0], row, StringComparison.Ordinal);
        Assert.StartsWith("\"'", row, StringComparison.Ordinal);
        Assert.Contains("'" + value[0], plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_html_lead_report_escapes_what_visitors_typed()
    {
        const string template = """
            <h1>{{ title }}</h1>
            <table>
            {% for lead in leads %}
              <tr><td>{{ lead.name | upcase }}</td><td title="{{ lead.company }}">{{ lead.company }}</td><td>{{ lead.lastSeen | format_date: "dd MMM yyyy HH:mm" }}</td><td>{{ lead.timeOnSite | duration }}</td></tr>
            {% endfor %}
            </table>
            """;

        var html = await _renderers.TextAsync("html", template, Renderers.LeadReport(), Berlin);

        Assert.Contains("<h1>Hot leads</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<td>21 Nov 2026 00:15</td><td>12 min 34 s</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("=HYPERLINK(&quot;HTTP://EVIL.EXAMPLE&quot;,&quot;CLICK&quot;)", html, StringComparison.Ordinal);
        Assert.Contains("<td>ANN LEE</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_cannot_turn_html_encoding_off()
    {
        var data = new Dictionary<string, object?> { ["company"] = "<script>alert(1)</script>" };

        var html = await _renderers.TextAsync("html", "<p>{{ company | raw }}{{ company | strip | append: '<b>' }}{% capture c %}{{ company }}{% endcapture %}{{ c }}</p>", data);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_txt_lead_report_reads_as_written_with_dates_in_the_recipients_zone()
    {
        const string template = """
            {{ title }} ({{ generatedAt | format_date: "yyyy-MM-dd HH:mm" }})
            {% for lead in leads -%}
            - {{ lead.name }} <{{ lead.email }}>, {{ lead.company | default: "no company" }}, owner {{ lead.owner | default: "nobody" }}, last seen {{ lead.lastSeen }}
            {% endfor %}
            """;

        var text = await _renderers.TextAsync("txt", template, Renderers.LeadReport(), Berlin);

        Assert.Equal(
            "Hot leads (2026-11-21 09:30)\n" +
            "- Ann Lee <ann@example.com>, Acme; Sons, owner Rita Rep, last seen 2026-11-21 00:15\n" +
            "- =HYPERLINK(\"http://evil.example\",\"click\") <mallory@example.com>, <script>alert(1)</script>, owner nobody, last seen 2026-11-21 08:05\n",
            text);
    }

    [Fact]
    public async Task A_json_lead_report_is_valid_json_whatever_quotes_and_line_breaks_the_data_holds()
    {
        const string template = """
            {
              "title": "{{ title }}",
              "leads": [
                {% for lead in leads %}
                { "name": {{ lead.name | json }}, "company": "{{ lead.company }}", "lastSeen": {{ lead.lastSeen | json }}, "pageViews": {{ lead.pageViews | json }}, "tags": {{ lead.tags | json }} }{% unless forloop.last %},{% endunless %}
                {% endfor %}
              ]
            }
            """;
        var data = Renderers.LeadReport();
        data["title"] = "Quotes \" and \\ and\nnew lines\r\n\t";

        var json = await _renderers.TextAsync("json", template, data, Berlin);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("Quotes \" and \\ and\nnew lines\r\n\t", root.GetProperty("title").GetString());
        var mallory = root.GetProperty("leads")[1];
        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"click\")", mallory.GetProperty("name").GetString());
        Assert.Equal("<script>alert(1)</script>", mallory.GetProperty("company").GetString());
        Assert.Equal("2026-11-21T08:05:00+01:00", mallory.GetProperty("lastSeen").GetString());
        Assert.Equal(3, mallory.GetProperty("pageViews").GetInt32());
        Assert.Equal(["pricing", "demo"], root.GetProperty("leads")[0].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task A_json_template_that_makes_invalid_json_is_refused_with_where_the_output_broke()
    {
        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("json", "{ \"count\": {{ n }}, }", new Dictionary<string, object?> { ["n"] = 3 }));

        Assert.Contains("did not make valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("{{ value | json }}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Templates_see_data_only_never_the_members_of_dotnet_objects()
    {
        var data = new Dictionary<string, object?> { ["name"] = "Ann", ["n"] = 5m, ["list"] = new List<object?> { "a", "b" } };

        var text = await _renderers.TextAsync("txt", "[{{ name.Length }}][{{ n.Scale }}][{{ list.Count }}][{{ list.size }}][{{ list[1] }}][{{ list.last }}][{% for c in name %}x{% else %}none{% endfor %}]", data);

        // Liquid loops over a string as one item, never over its .NET characters.
        Assert.Equal("[][][][2][b][b][x]", text);
    }

    [Theory]
    [InlineData("{{ lead.passwordHash }}", "The template reads 'passwordHash', which templates may not read: lead has the fields name, email.")]
    [InlineData("{% if lead.GetType %}x{% endif %}", "The template reads 'GetType', which templates may not read: lead has the fields name, email.")]
    [InlineData("{{ seen.Ticks }}", "The template reads 'Ticks' of a date, which templates may not read: write the date with format_date")]
    [InlineData("{{ secrets }}", "The template reads 'secrets', which templates may not read: The data has the fields lead, seen.")]
    public async Task A_template_that_reads_a_member_the_data_does_not_allow_fails_with_a_clear_error(string template, string message)
    {
        var data = new Dictionary<string, object?>
        {
            ["lead"] = new Dictionary<string, object?> { ["name"] = "Ann", ["email"] = "ann@example.com" },
            ["seen"] = DateTimeOffset.UnixEpoch,
        };

        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("txt", template, data));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_of_other_dotnet_types_is_refused_before_rendering()
    {
        var data = new Dictionary<string, object?> { ["lead"] = new Uri("https://example.com") };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _renderers.RenderAsync("txt", "{{ lead }}", data));

        Assert.Contains("'lead' is a Uri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_format_dates_durations_and_lists()
    {
        var data = new Dictionary<string, object?> { ["at"] = "2026-07-01T12:00:00Z", ["long"] = 7384, ["tags"] = new List<object?> { "a", "b" }, ["status"] = "hot" };

        var text = await _renderers.TextAsync("txt", "{{ at | format_date: \"dd/MM HH:mm\" }}|{{ long | duration }}|{{ tags | join }}|{% if status == \"hot\" %}HOT{% endif %}", data, Berlin);

        Assert.Equal("01/07 14:00|2 h 03 min|a, b|HOT", text);
    }
}
