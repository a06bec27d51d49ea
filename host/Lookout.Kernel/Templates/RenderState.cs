using System.Globalization;
using Lookout.Plugins;

namespace Lookout.Kernel.Templates;

/// <summary>One render's settings and budget, where Fluid's filters find them (the template context's ambient values).</summary>
internal sealed class RenderState(LiquidRender render, RenderBudget budget) : LiquidFilterScope
{
    public const string Key = "lookout.render";

    public LiquidRender Request { get; } = render;

    public TemplateLimits Limits => Request.Limits;

    public RenderBudget Budget { get; } = budget;

    public LiquidData? Data { get; set; }

    public LocalDate Date(DateTimeOffset at) => new(TimeZoneInfo.ConvertTime(at, Request.TimeZone), Request.DefaultDateFormat);

    public override string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTimeOffset at => Date(at).Local.ToString(Request.DefaultDateFormat, CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> => "",
        IEnumerable<object?> list => string.Join(", ", list.Select(Text)),
        _ => value.ToString() ?? "",
    };

    public override void CheckTime() => Budget.Check();
}
