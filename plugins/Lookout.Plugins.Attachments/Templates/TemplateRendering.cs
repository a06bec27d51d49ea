using System.Globalization;

namespace Lookout.Plugins.Attachments.Templates;

/// <summary>One render's settings and state: for whom, in which time zone, within which budget.</summary>
internal sealed class TemplateRendering(Recipient recipient, TimeZoneInfo timeZone, string defaultDateFormat, TemplateLimits limits, RenderBudget budget)
{
    public Recipient Recipient { get; } = recipient;

    public TimeZoneInfo TimeZone { get; } = timeZone;

    /// <summary>How a date printed without <c>formatDate</c> reads in this format.</summary>
    public string DefaultDateFormat { get; } = defaultDateFormat;

    public TemplateLimits Limits { get; } = limits;

    public RenderBudget Budget { get; } = budget;

    public TemplateDate Date(DateTimeOffset at) => new(TimeZoneInfo.ConvertTime(at, TimeZone), DefaultDateFormat);

    /// <summary>A value as text: dates in the default date format, numbers and booleans as invariant culture writes them.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        TemplateList list => string.Join(", ", list.Select(Text)),
        TemplateObject => "",
        _ => value.ToString() ?? "",
    };
}
