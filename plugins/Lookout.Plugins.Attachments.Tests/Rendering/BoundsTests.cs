using System.Diagnostics;
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
        const string template = "{% for a in items %}{% for b in items %}{% for c in items %}{{ c }},{{ c }}\n{% endfor %}{% endfor %}{% endfor %}";
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
        const string template = "{% for a in items %}{% for b in items %}{% for c in items %}{% for d in items %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}";
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("txt", template, Items(1000)));

        Assert.StartsWith("The template took longer than 2 s to render and was stopped.", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_range_loop_past_the_budget_stops_at_the_deadline_and_the_next_render_works()
    {
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("txt", "{% for i in (1..2000000000) %}{% assign x = i %}{% endfor %}"));

        Assert.StartsWith("The template took longer than 2 s to render and was stopped.", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal("still fine", await _renderers.TextAsync("txt", "still {{ word }}", new Dictionary<string, object?> { ["word"] = "fine" }));
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
        var template = string.Concat(Enumerable.Repeat("{% if x %}", 30)) + string.Concat(Enumerable.Repeat("{% endif %}", 30));

        var error = await Assert.ThrowsAsync<AttachmentTemplateException>(() => _renderers.RenderAsync("txt", template));

        Assert.Equal((1, 24 * 10 + 1), (error.Line, error.Column));
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
        const string template = "{% for a in items %}{% for b in items %}{% for c in items %}{% endfor %}{% endfor %}{% endfor %}";

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _renderers.RenderAsync("txt", template, Items(1000), cancellationToken: cancel.Token));
    }

    [Fact]
    public void Limits_can_be_set_in_the_plugins_configuration_and_bad_ones_are_refused()
    {
        var configured = Configuration(new() { ["MaxOutputCharacters"] = "1000", ["RenderTimeoutMilliseconds"] = "500" });

        var limits = TemplateLimits.From(configured, "Plugins:attachments");

        Assert.Equal(1000, limits.MaxOutputCharacters);
        Assert.Equal(TimeSpan.FromMilliseconds(500), limits.RenderTimeout);
        Assert.Equal(TemplateLimits.Default.MaxTemplateCharacters, limits.MaxTemplateCharacters);
        var error = Assert.Throws<InvalidOperationException>(() => TemplateLimits.From(Configuration(new() { ["MaxTemplateCharacters"] = "-1" }), "Plugins:attachments"));
        Assert.Equal("Plugins:attachments:MaxTemplateCharacters must be a positive whole number, not '-1'.", error.Message);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
