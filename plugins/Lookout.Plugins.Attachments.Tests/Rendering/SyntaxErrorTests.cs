using System.Diagnostics;
using Lookout.Plugins.Attachments.Tests.Support;

namespace Lookout.Plugins.Attachments.Tests.Rendering;

/// <summary>A template Handlebars cannot read is reported at the line and column of the tag at fault.</summary>
public sealed class SyntaxErrorTests
{
    private readonly Renderers _renderers = new();

    private const string Before = "Leads\n{{#each leads}}\n  {{name}} {{email}}\n";

    [Theory]
    [InlineData(Before + "  {{formatDate lastSeen format=}}\n{{/each}}", 4, 3)]
    [InlineData(Before + "  {{join (tags}}\n{{/each}}", 4, 3)]
    [InlineData(Before + "  {{join tags)}}\n{{/each}}", 4, 3)]
    [InlineData(Before + "  {{name\n{{/each}}", 4, 3)]
    [InlineData(Before + "  {{}}\n{{/each}}", 4, 3)]
    [InlineData(Before + "  {{!-- a comment\n{{/each}}", 4, 3)]
    [InlineData(Before + "  {{default a b=c=d}}\n{{/each}}", 4, 3)]
    [InlineData(Before + "  {{/if}}\n{{/each}}", 4, 3)]
    [InlineData(Before, 2, 1)]
    [InlineData("{{#each leads}}\n{{#if x}}\n{{/each}}", 3, 1)]
    [InlineData("ok\n  {{nosuchhelper name}}", 2, 3)]
    public async Task The_error_names_the_line_and_column_of_the_tag(string template, int line, int column)
    {
        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("txt", template, Renderers.LeadReport()));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith($"Line {line}, column {column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_syntax_error_at_the_end_of_a_large_template_is_located_quickly()
    {
        var template = string.Concat(Enumerable.Repeat("<tr>{{#each leads}}<td>{{name}}</td><td>{{formatDate lastSeen \"yyyy\"}}</td>{{/each}}</tr>\n", 300)) + "{{join tags x=}}";
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("html", template, Renderers.LeadReport()));

        Assert.Equal((301, 1), (error.Line, error.Column));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
