using System.Text.Encodings.Web;

namespace Lookout.Plugins;

/// <summary>One render of a Liquid template.</summary>
/// <param name="Template">The template's source, as the admin wrote it.</param>
/// <param name="Data">
/// The values the template can read, by name: strings, numbers, booleans, <see cref="DateTimeOffset"/>s, nested
/// dictionaries of the same shape, or lists of those. A dictionary's keys are the only members a template may read
/// of it (a name it does not have is an error); lists have <c>size</c>, <c>first</c>, <c>last</c> and items by position.
/// </param>
/// <param name="TimeZone">Dates in the data are moved into this zone before the template sees them.</param>
/// <param name="Limits">Template size, output size, render time, nesting.</param>
public sealed record LiquidRender(
    string Template,
    IReadOnlyDictionary<string, object?> Data,
    TimeZoneInfo TimeZone,
    TemplateLimits Limits)
{
    /// <summary>
    /// How every <c>{{ value }}</c> is written: null writes it as it is (plain text); e.g.
    /// <c>HtmlEncoder.Default</c> for HTML. Text a filter returns as <see cref="LiquidRaw"/> is never encoded.
    /// </summary>
    public TextEncoder? Encoder { get; init; }

    /// <summary>How a date written without <c>format_date</c> reads (a .NET date format).</summary>
    public string DefaultDateFormat { get; init; } = "yyyy-MM-dd HH:mm";

    /// <summary>Filters of this render besides the built-in ones, by name (a name taken by a built-in filter replaces it).</summary>
    public IReadOnlyDictionary<string, LiquidFilter> Filters { get; init; } = new Dictionary<string, LiquidFilter>();

    /// <summary>Whether the <c>json</c> filter's output is written as it is (a JSON document) rather than through <see cref="Encoder"/>.</summary>
    public bool JsonIsRaw { get; init; }
}

/// <summary>A filter a render adds: <c>{{ input | name: argument, argument }}</c>.</summary>
/// <param name="input">The value before the filter, as plain data: null, string, decimal, bool, a <see cref="DateTimeOffset"/> in the render's zone, <see cref="IReadOnlyList{T}"/> or <see cref="IReadOnlyDictionary{TKey, TValue}"/>.</param>
/// <param name="arguments">The filter's arguments, as plain data.</param>
/// <param name="scope">The render the filter runs in.</param>
/// <returns>A value of the same kinds (written through the render's encoder), or <see cref="LiquidRaw"/>.</returns>
/// <exception cref="LiquidTemplateException">The filter cannot handle its input; the render stops with this message.</exception>
public delegate object? LiquidFilter(object? input, IReadOnlyList<object?> arguments, LiquidFilterScope scope);

/// <summary>Text a filter has already made safe for the output format: written as it is, never encoded.</summary>
/// <param name="Text">The text.</param>
public sealed record LiquidRaw(string Text);

/// <summary>What a filter may ask of the render it runs in.</summary>
public abstract class LiquidFilterScope
{
    /// <summary>A value as the template would write it: dates in the default date format, numbers in invariant culture, lists joined with ", ".</summary>
    /// <param name="value">A plain value, as a filter receives it.</param>
    public abstract string Text(object? value);

    /// <summary>Stops the render when its time is up; a filter that loops calls it as it goes.</summary>
    public abstract void CheckTime();
}
