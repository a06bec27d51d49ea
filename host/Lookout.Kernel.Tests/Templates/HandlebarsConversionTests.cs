using Lookout.Kernel.Templates;
using Lookout.Plugins;

namespace Lookout.Kernel.Tests.Templates;

/// <summary>Handlebars templates stored before Liquid render the same once converted, or say why they cannot be converted.</summary>
public sealed class HandlebarsConversionTests
{
    private static readonly Dictionary<string, object?> Report = new()
    {
        ["title"] = "Hot leads",
        ["leads"] = new List<object?>
        {
            new Dictionary<string, object?> { ["name"] = "Ann", ["company"] = "Acme", ["lastSeen"] = new DateTimeOffset(2026, 11, 20, 23, 15, 0, TimeSpan.Zero), ["timeOnSite"] = 754, ["tags"] = new List<object?> { "pricing", "demo" } },
            new Dictionary<string, object?> { ["name"] = "Bob", ["company"] = "", ["lastSeen"] = new DateTimeOffset(2026, 11, 21, 7, 5, 0, TimeSpan.Zero), ["timeOnSite"] = 45, ["tags"] = new List<object?>() },
        },
        ["owner"] = new Dictionary<string, object?> { ["name"] = "Rita" },
    };

    [Theory]
    [InlineData("{{title}} ({{leads.length}})\n{{#each leads}}\n- {{name}}, {{default company \"-\"}}, {{formatDate lastSeen \"dd.MM HH:mm\"}}, {{duration timeOnSite}}\n{{/each}}\n",
        "{{ title }} ({{ leads.size }})\n{% for lead in leads %}- {{ lead.name }}, {{ lead.company | default: \"-\" }}, {{ lead.lastSeen | format_date: \"dd.MM HH:mm\" }}, {{ lead.timeOnSite | duration }}\n{% endfor %}",
        "Hot leads (2)\n- Ann, Acme, 21.11 00:15, 12 min 34 s\n- Bob, -, 21.11 08:05, 45 s\n")]
    [InlineData("{{#each leads}}{{@index}}:{{this.name}}{{#if @first}}!{{/if}}{{#unless @last}}, {{/unless}}{{/each}}",
        "{% for lead in leads %}{{ forloop.index0 }}:{{ lead.name }}{% if forloop.first %}!{% endif %}{% if forloop.last == false %}, {% endif %}{% endfor %}",
        "0:Ann!, 1:Bob")]
    [InlineData("{{#each leads}}{{#if company}}{{company}}{{else}}none{{/if}} {{../title}}|{{/each}}",
        "{% for lead in leads %}{% if lead.company != blank %}{{ lead.company }}{% else %}none{% endif %} {{ title }}|{% endfor %}",
        "Acme Hot leads|none Hot leads|")]
    [InlineData("{{#with owner}}{{name}}{{/with}} {{join leads.[0].tags \" / \"}} {{#if (eq title \"Hot leads\")}}hot{{/if}}",
        "{% if owner != blank %}{{ owner.name }}{% endif %} {{ leads[0].tags | join: \" / \" }} {% if title == \"Hot leads\" %}hot{% endif %}",
        "Rita pricing / demo hot")]
    [InlineData("{{!-- a note --}}{{#each leads}}{{csv name (join tags \"|\")}}\n{{/each}}",
        "{% comment %}a note{% endcomment %}{% for lead in leads %}{% assign hb_value_1 = lead.tags | join: \"|\" %}{{ lead.name | csv_row: hb_value_1 }}\n{% endfor %}",
        null)]
    public void Documented_handlebars_converts_to_liquid_that_renders_the_same(string handlebars, string liquid, string? rendered)
    {
        var converted = HandlebarsConversion.Convert(handlebars);

        Assert.Null(converted.Problem);
        Assert.Equal(liquid, converted.Liquid);
        if (rendered is not null)
        {
            var text = new LiquidTemplates().Render(new LiquidRender(converted.Liquid!, Report, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), TemplateLimits.Default), CancellationToken.None);
            Assert.Equal(rendered, text);
        }
    }

    [Theory]
    [InlineData("a\n{{> footer}}", "Line 2, column 1: Partials")]
    [InlineData("{{#each leads}}{{@key}}{{/each}}", "Line 1, column 16: @key is not part of what can be converted.")]
    [InlineData("{{lookup leads 0}}", "Line 1, column 1: The helper 'lookup'")]
    [InlineData("{{formatDate at format=\"yyyy\"}}", "Line 1, column 1: Hash arguments")]
    [InlineData("{{#each leads}}x", "Line 1, column 1: {{#each}} is never closed.")]
    [InlineData("{{#each leads}}{{/if}}", "Line 1, column 16: {{/if}} does not close the block open here.")]
    public void What_cannot_be_converted_is_reported_with_its_position(string handlebars, string problem)
    {
        var converted = HandlebarsConversion.Convert(handlebars);

        Assert.Null(converted.Liquid);
        Assert.StartsWith(problem, converted.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Literal_braces_and_text_that_looks_like_liquid_stay_text()
    {
        var converted = HandlebarsConversion.Convert("50{% off \\{{not a tag}} {{title}}");

        var text = new LiquidTemplates().Render(new LiquidRender(converted.Liquid!, Report, TimeZoneInfo.Utc, TemplateLimits.Default), CancellationToken.None);

        Assert.Equal("50{% off {{not a tag}} Hot leads", text);
    }
}
