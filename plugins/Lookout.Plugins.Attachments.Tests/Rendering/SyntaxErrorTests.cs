using System.Diagnostics;
using Lookout.Plugins.Attachments.Tests.Support;

namespace Lookout.Plugins.Attachments.Tests.Rendering;

/// <summary>A template Liquid cannot read is reported at the line and column where reading it failed.</summary>
public sealed class SyntaxErrorTests
{
    private readonly Renderers _renderers = new();

    private const string Before = "Leads\n{% for lead in leads %}\n  {{ lead.name }} {{ lead.email }}\n";

    [Theory]
    [InlineData(Before + "  {{ lead.lastSeen | format_date: }}\n{% endfor %}", 4, 33, "End of tag '}}' was expected.")]
    [InlineData(Before + "  {{ lead.tags | }}\n{% endfor %}", 4, 17, "An identifier was expected after the '|' sign.")]
    [InlineData(Before + "  {{ lead.name\n{% endfor %}", 4, 15, "End of tag '}}' was expected.")]
    [InlineData(Before + "  {% endif %}\n{% endfor %}", 4, 3, "")]
    [InlineData(Before, 4, 1, "'{% endfor %}' was expected.")]
    [InlineData("{% for lead in leads %}\n{% if x %}\n{% endfor %}", 3, 1, "'{% endif %}' was expected.")]
    [InlineData("ok\n  {% nosuchtag name %}", 2, 15, "Unknown tag 'nosuchtag'.")]
    public async Task The_error_names_the_line_and_column(string template, int line, int column, string message)
    {
        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("txt", template, Renderers.LeadReport()));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith($"Line {line}, column {column}: {message}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{% include 'footer' %}")]
    [InlineData("{% render 'footer' %}")]
    [InlineData("{% from 'lib' import row %}")]
    public async Task Templates_cannot_include_files(string template)
    {
        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("txt", "a\n" + template));

        Assert.Equal(2, error.Line);
        Assert.Contains("is not available: templates cannot include files", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_syntax_error_at_the_end_of_a_large_template_is_located_quickly()
    {
        var template = string.Concat(Enumerable.Repeat("<tr>{% for lead in leads %}<td>{{ lead.name }}</td><td>{{ lead.lastSeen | format_date: \"yyyy\" }}</td>{% endfor %}</tr>\n", 300)) + "{{ leads | join: }}";
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("html", template, Renderers.LeadReport()));

        Assert.Equal(301, error.Line);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_filter_that_does_not_exist_is_an_error_not_silence()
    {
        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("txt", "{{ title | shout }}", Renderers.LeadReport()));

        Assert.Contains("shout", error.Message, StringComparison.Ordinal);
    }
}
