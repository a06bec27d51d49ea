namespace Lookout.Plugins;

/// <summary>What to render into one attachment.</summary>
/// <param name="Template">The template's source, as the admin wrote it.</param>
/// <param name="Data">
/// The values the template can use, by name (the lead, the visit, its page views...). Values are strings, numbers,
/// booleans, <see cref="DateTimeOffset"/>s, nested dictionaries of the same shape, or lists of those.
/// </param>
/// <param name="Recipient">Who receives it: times follow their time zone, CSV their CSV preference.</param>
/// <param name="FileName">The file's name without extension (e.g. <c>visits-2026-11-21</c>).</param>
public sealed record AttachmentRenderRequest(
    string Template,
    IReadOnlyDictionary<string, object?> Data,
    Recipient Recipient,
    string FileName);
