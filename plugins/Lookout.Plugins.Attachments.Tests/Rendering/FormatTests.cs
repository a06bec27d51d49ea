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
        {{csvHeader "Name" "Email" "Company" "Last seen" "Page views" "Tags"}}
        {{#each leads}}
        {{csv name email company lastSeen pageViews (join tags "|")}}
        {{/each}}
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

        var text = await _renderers.TextAsync("csv", "{{csv a b c}}", data, recipient);

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

        var row = await _renderers.TextAsync("csv", "{{csv value}}", data);
        var plain = await _renderers.TextAsync("csv", "{{value}};x", data);

        Assert.Contains("'" + value[0], row, StringComparison.Ordinal);
        Assert.StartsWith("\"'", row, StringComparison.Ordinal);
        Assert.Contains("'" + value[0], plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_html_lead_report_escapes_what_visitors_typed()
    {
        const string template = """
            <h1>{{title}}</h1>
            <table>
            {{#each leads}}
              <tr><td>{{name}}</td><td title="{{company}}">{{company}}</td><td>{{formatDate lastSeen "dd MMM yyyy HH:mm"}}</td><td>{{duration timeOnSite}}</td></tr>
            {{/each}}
            </table>
            """;

        var html = await _renderers.TextAsync("html", template, Renderers.LeadReport(), Berlin);

        Assert.Contains("<h1>Hot leads</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<td>21 Nov 2026 00:15</td><td>12 min 34 s</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("=HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;)", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("html")]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task Triple_braces_are_refused_where_values_are_escaped(string format)
    {
        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync(format, "<p>\n  {{{company}}}</p>"));

        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Contains("unescaped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_txt_lead_report_reads_as_written_with_dates_in_the_recipients_zone()
    {
        const string template = """
            {{title}} ({{formatDate generatedAt "yyyy-MM-dd HH:mm"}})
            {{#each leads}}
            - {{name}} <{{email}}>, {{default company "no company"}}, owner {{default owner "nobody"}}, last seen {{lastSeen}}
            {{/each}}
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
              "title": "{{title}}",
              "leads": [
                {{#each leads}}
                { "name": {{json name}}, "company": "{{company}}", "lastSeen": {{json lastSeen}}, "pageViews": {{json pageViews}}, "tags": {{json tags}} }{{#unless @last}},{{/unless}}
                {{/each}}
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
        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("json", "{ \"count\": {{n}}, }", new Dictionary<string, object?> { ["n"] = 3 }));

        Assert.Contains("did not make valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("{{json value}}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Templates_see_data_only_never_the_members_of_dotnet_objects()
    {
        var data = new Dictionary<string, object?> { ["name"] = "Ann", ["at"] = DateTimeOffset.UnixEpoch, ["n"] = 5m, ["list"] = new List<object?> { "a", "b" } };

        var text = await _renderers.TextAsync("txt", "[{{name.Length}}][{{at.Year}}][{{at.UtcDateTime}}][{{n.Scale}}][{{list.Count}}][{{list.length}}][{{list.[1]}}][{{#each name}}x{{else}}none{{/each}}]", data);

        Assert.Equal("[][][][][][2][b][none]", text);
    }

    [Fact]
    public async Task Data_of_other_dotnet_types_is_refused_before_rendering()
    {
        var data = new Dictionary<string, object?> { ["lead"] = new Uri("https://example.com") };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _renderers.RenderAsync("txt", "{{lead}}", data));

        Assert.Contains("'lead' is a Uri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Helpers_format_dates_durations_lists_and_compare()
    {
        var data = new Dictionary<string, object?> { ["at"] = "2026-07-01T12:00:00Z", ["long"] = 7384, ["tags"] = new List<object?> { "a", "b" }, ["status"] = "hot" };

        var text = await _renderers.TextAsync("txt", "{{formatDate at \"dd/MM HH:mm\"}}|{{duration long}}|{{join tags}}|{{#if (eq status \"hot\")}}HOT{{/if}}", data, Berlin);

        Assert.Equal("01/07 14:00|2 h 03 min|a, b|HOT", text);
    }
}
