using System.Diagnostics;
using Lookout.Plugins.Attachments.Templates;
using Lookout.Plugins.Attachments.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Lookout.Plugins.Attachments.Tests.Rendering;

/// <summary>"A template that tries to loop forever or produce gigabytes is stopped with a clear error", quickly.</summary>
public sealed class BoundsTests
{
    private readonly Renderers _renderers = new();

    private static Dictionary<string, object?> Items(int count) => new() { ["items"] = Enumerable.Range(0, count).Select(i => (object?)i).ToList() };

    [Theory]
    [InlineData("csv")]
    [InlineData("html")]
    [InlineData("txt")]
    [InlineData("json")]
    public async Task A_cartesian_product_that_would_write_gigabytes_stops_at_the_output_cap(string format)
    {
        // 1,000^3 rows of ~10 characters: about 10 GB.
        const string template = "{{#each items}}{{#each ../items}}{{#each ../../items}}{{this}},{{this}}\n{{/each}}{{/each}}{{/each}}";
        // A deadline far enough away that only the cap can stop it, even on a busy machine.
        var renderers = new Renderers(TemplateLimits.Default with { RenderTimeout = TimeSpan.FromMinutes(1) });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => renderers.RenderAsync(format, template, Items(1000)));

        Assert.StartsWith("The template wrote more than 5,000,000 characters and was stopped.", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Loops_that_write_nothing_stop_at_the_deadline()
    {
        // 1,000^4 iterations that never write: only the deadline can stop them.
        const string template = "{{#each items}}{{#each ../items}}{{#each ../../items}}{{#each ../../../items}}{{/each}}{{/each}}{{/each}}{{/each}}";
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("txt", template, Items(1000)));

        Assert.StartsWith("The template took longer than 2 s to render and was stopped.", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("{{#*inline \"row\"}}{{> row}}{{/inline}}\n{{> row}}", 19)]
    [InlineData("{{#*inline \"row\"}}x{{> row}}{{/inline}}\n{{> row}}", 20)]
    public async Task A_partial_that_calls_itself_stops_at_the_depth_cap(string template, int column)
    {
        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("txt", template));

        Assert.Equal($"Line 1, column {column}: The partial 'row' calls itself more than 8 levels deep.", error.Message);
        Assert.Equal((1, column), (error.Line, error.Column));
    }

    [Fact]
    public async Task A_partial_may_recurse_over_nested_data_within_the_cap()
    {
        const string template = "{{#*inline \"node\"}}({{name}}{{#each children}}{{> node}}{{/each}}){{/inline}}{{> node tree}}";
        var data = new Dictionary<string, object?>
        {
            ["tree"] = new Dictionary<string, object?>
            {
                ["name"] = "a",
                ["children"] = new List<object?> { new Dictionary<string, object?> { ["name"] = "b", ["children"] = new List<object?>() } },
            },
        };

        Assert.Equal("(a(b))", await _renderers.TextAsync("txt", template, data));
    }

    [Fact]
    public async Task A_partial_that_is_not_defined_is_named_with_its_position()
    {
        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("txt", "a\nb {{> footer}}"));

        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Contains("There is no partial 'footer'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_over_64_KB_is_refused()
    {
        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("txt", new string('x', 64 * 1024 + 1)));

        Assert.Equal("The template has 65,537 characters; at most 65,536 are allowed.", error.Message);
    }

    [Fact]
    public async Task Blocks_nested_too_deeply_are_refused_where_they_go_too_deep()
    {
        var template = string.Concat(Enumerable.Repeat("{{#if x}}", 30)) + string.Concat(Enumerable.Repeat("{{/if}}", 30));

        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("txt", template));

        Assert.Equal((1, 24 * 9 + 1), (error.Line, error.Column));
        Assert.Contains("nested more than 24 deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_nested_too_deeply_or_too_large_is_refused()
    {
        object? deep = "bottom";
        for (var i = 0; i < 20; i++)
        {
            deep = new Dictionary<string, object?> { ["inner"] = deep };
        }
        var small = new Renderers(TemplateLimits.Default with { MaxDataValues = 50 });

        var tooDeep = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("txt", "x", new Dictionary<string, object?> { ["root"] = deep }));
        var tooMany = await Assert.ThrowsAsync<AttachmentTemplateException>(() => small.RenderAsync("txt", "x", Items(100)));

        Assert.StartsWith("The data is nested more than 16 levels deep (at root.inner.inner", tooDeep.Message, StringComparison.Ordinal);
        Assert.Equal("The data holds more than 50 values.", tooMany.Message);
    }

    [Fact]
    public async Task A_render_cancelled_by_the_caller_is_cancelled_not_a_template_error()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        const string template = "{{#each items}}{{#each ../items}}{{#each ../../items}}{{/each}}{{/each}}{{/each}}";

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _renderers.RenderAsync("txt", template, Items(1000), cancellationToken: cancel.Token));
    }

    [Fact]
    public void Limits_can_be_set_in_the_plugins_configuration_and_bad_ones_are_refused()
    {
        var configured = Configuration(new() { ["MaxOutputCharacters"] = "1000", ["RenderTimeoutMilliseconds"] = "500" });

        var limits = TemplateLimits.From(configured);

        Assert.Equal(1000, limits.MaxOutputCharacters);
        Assert.Equal(TimeSpan.FromMilliseconds(500), limits.RenderTimeout);
        Assert.Equal(TemplateLimits.Default.MaxTemplateCharacters, limits.MaxTemplateCharacters);
        var error = Assert.Throws<InvalidOperationException>(() => TemplateLimits.From(Configuration(new() { ["MaxTemplateCharacters"] = "-1" })));
        Assert.Equal("Plugins:attachments:MaxTemplateCharacters must be a positive whole number, not '-1'.", error.Message);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
