using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Lookout.Plugins;

/// <summary>
/// How far a Liquid template may go. A <c>{% for %}</c> nested in another over large data, or a huge template, could
/// otherwise take a host down: every render stays within these.
/// </summary>
/// <param name="MaxTemplateCharacters">The longest template accepted.</param>
/// <param name="MaxOutputCharacters">The most a render may write, counted while it writes.</param>
/// <param name="RenderTimeout">How long a render may run, checked while it writes, at every loop step and in filters.</param>
/// <param name="MaxBlockDepth">How deeply blocks (<c>{% for %}</c>, <c>{% if %}</c>...) may nest in the template.</param>
/// <param name="MaxDataDepth">How deeply the data's objects and lists may nest.</param>
/// <param name="MaxDataValues">How many values (objects, lists and scalars together) the data may hold.</param>
public sealed record TemplateLimits(
    int MaxTemplateCharacters,
    int MaxOutputCharacters,
    TimeSpan RenderTimeout,
    int MaxBlockDepth,
    int MaxDataDepth,
    int MaxDataValues)
{
    /// <summary>64 K characters of template, 5 M characters of output, 2 seconds, blocks 24 deep, data 16 deep and 100,000 values.</summary>
    public static TemplateLimits Default { get; } = new(64 * 1024, 5_000_000, TimeSpan.FromSeconds(2), 24, 16, 100_000);

    /// <summary>
    /// Limits from a settings section: <c>MaxTemplateCharacters</c>, <c>MaxOutputCharacters</c> and
    /// <c>RenderTimeoutMilliseconds</c> may be raised or lowered; what is not set keeps its default.
    /// </summary>
    /// <param name="configuration">The section, e.g. <c>Plugins:attachments</c>.</param>
    /// <param name="section">The section's path, to name a bad setting in the error.</param>
    /// <exception cref="InvalidOperationException">A setting is not a positive whole number.</exception>
    public static TemplateLimits From(IConfiguration configuration, string section)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = Default;
        return defaults with
        {
            MaxTemplateCharacters = Positive(configuration, section, "MaxTemplateCharacters", defaults.MaxTemplateCharacters),
            MaxOutputCharacters = Positive(configuration, section, "MaxOutputCharacters", defaults.MaxOutputCharacters),
            RenderTimeout = TimeSpan.FromMilliseconds(Positive(configuration, section, "RenderTimeoutMilliseconds", (int)defaults.RenderTimeout.TotalMilliseconds)),
        };
    }

    private static int Positive(IConfiguration configuration, string section, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"{section}:{key} must be a positive whole number, not '{text}'.");
    }
}
