namespace Lookout.Plugins;

/// <summary>
/// The host's Liquid engine, sandboxed and bounded, for anything an admin writes as a template: attachments, email
/// subjects and bodies, SMS text. Plugins and modules take it from the host's services. Templates read the data
/// they are given and nothing else: no .NET member is ever reached, no file is ever included, and a render stops at
/// the <see cref="TemplateLimits"/> it is given.
/// </summary>
/// <remarks>
/// Besides Liquid's own tags and filters, templates have <c>format_date</c>, <c>duration</c>, <c>join</c>,
/// <c>default</c> and <c>json</c>, and whatever filters the render adds (<see cref="LiquidRender.Filters"/>).
/// Dates in the data are shown in the render's time zone.
/// </remarks>
public interface ILiquidTemplates
{
    /// <summary>Reads <paramref name="source"/> without rendering it, e.g. to check it when it is saved.</summary>
    /// <param name="source">The template's source.</param>
    /// <param name="limits">Its size and block nesting are checked against these.</param>
    /// <exception cref="LiquidTemplateException">It is too long or cannot be read; the error names the line and column.</exception>
    void Check(string source, TemplateLimits limits);

    /// <summary>Renders <paramref name="render"/>'s template with its data.</summary>
    /// <param name="render">Template, data, time zone, limits and how values are written.</param>
    /// <param name="cancellationToken">Cancelled when the caller gives up; the render then ends with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The text the template wrote.</returns>
    /// <exception cref="LiquidTemplateException">The template cannot be read, reads what it may not, or exceeds a bound.</exception>
    /// <exception cref="ArgumentException">The data holds a value of a type templates cannot use.</exception>
    string Render(LiquidRender render, CancellationToken cancellationToken);
}
