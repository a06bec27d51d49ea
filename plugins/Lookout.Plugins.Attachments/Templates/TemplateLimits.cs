using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Lookout.Plugins.Attachments.Templates;

/// <summary>
/// How far a template may go. Handlebars has no loops of its own, but nested <c>{{#each}}</c> over large data, a
/// partial that calls itself or a huge template can still take a host down: every render stays within these.
/// </summary>
/// <param name="MaxTemplateCharacters">The longest template accepted.</param>
/// <param name="MaxOutputCharacters">The most a render may write, counted while it writes.</param>
/// <param name="RenderTimeout">How long a render may run, checked while it writes, reads data and runs helpers.</param>
/// <param name="MaxBlockDepth">How deeply blocks (<c>{{#each}}</c>, <c>{{#if}}</c>...) may nest in the template.</param>
/// <param name="MaxPartialDepth">How deeply partials may call partials (a partial that calls itself stops here).</param>
/// <param name="MaxDataDepth">How deeply the data's objects and lists may nest.</param>
/// <param name="MaxDataValues">How many values (objects, lists and scalars together) the data may hold.</param>
public sealed record TemplateLimits(
    int MaxTemplateCharacters,
    int MaxOutputCharacters,
    TimeSpan RenderTimeout,
    int MaxBlockDepth,
    int MaxPartialDepth,
    int MaxDataDepth,
    int MaxDataValues)
{
    /// <summary>64 K characters of template, 5 M characters of output, 2 seconds.</summary>
    public static TemplateLimits Default { get; } = new(64 * 1024, 5_000_000, TimeSpan.FromSeconds(2), 24, 8, 16, 100_000);

    /// <summary>
    /// The plugin's settings (<c>Plugins:attachments</c>): <c>MaxTemplateCharacters</c>, <c>MaxOutputCharacters</c> and
    /// <c>RenderTimeoutMilliseconds</c> may be raised or lowered; what is not set keeps its default.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting is not a positive whole number.</exception>
    public static TemplateLimits From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = Default;
        return defaults with
        {
            MaxTemplateCharacters = Positive(configuration, "MaxTemplateCharacters", defaults.MaxTemplateCharacters),
            MaxOutputCharacters = Positive(configuration, "MaxOutputCharacters", defaults.MaxOutputCharacters),
            RenderTimeout = TimeSpan.FromMilliseconds(Positive(configuration, "RenderTimeoutMilliseconds", (int)defaults.RenderTimeout.TotalMilliseconds)),
        };
    }

    private static int Positive(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"Plugins:attachments:{key} must be a positive whole number, not '{text}'.");
    }
}
