namespace Lookout.Plugins;

/// <summary>
/// A short message shown to operators in the admin app as a toast and, when they allowed it, as a desktop
/// notification. Plain text only: the admin app never reads it as HTML.
/// </summary>
public sealed record Popup
{
    /// <summary>The longest <see cref="Title"/>, in characters.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The longest <see cref="Text"/>, in characters.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>The longest <see cref="Id"/>, in characters.</summary>
    public const int MaxIdLength = 200;

    /// <summary>The longest <see cref="Link"/>, in characters.</summary>
    public const int MaxLinkLength = 2000;

    /// <summary>A popup.</summary>
    /// <param name="title">One line, 1 to <see cref="MaxTitleLength"/> characters, no CR or LF.</param>
    /// <param name="text">The message, at most <see cref="MaxTextLength"/> characters; may be empty.</param>
    /// <param name="severity">How much it asks for attention.</param>
    /// <param name="link">
    /// Where the popup leads when clicked: an absolute <c>http</c> or <c>https</c> URL, or a path of the admin app
    /// starting with a single <c>/</c> (e.g. <c>/visitors</c>); null for none.
    /// </param>
    /// <param name="id">
    /// Identifies the popup, so that a retried delivery is shown once (a channel passes the notification's id); null
    /// when repeats do not matter.
    /// </param>
    /// <exception cref="ArgumentException">A value is missing, too long, or the link is neither http(s) nor an admin app path.</exception>
    public Popup(string title, string text, PopupSeverity severity = PopupSeverity.Info, string? link = null, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(title) || title.Length > MaxTitleLength || title.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"A popup's title is one line of 1 to {MaxTitleLength} characters.", nameof(title));
        }
        if (text.Length > MaxTextLength)
        {
            throw new ArgumentException($"A popup's text is at most {MaxTextLength} characters.", nameof(text));
        }
        if (!Enum.IsDefined(severity))
        {
            throw new ArgumentException($"Unknown severity {severity}.", nameof(severity));
        }
        if (link is not null && !IsLink(link))
        {
            throw new ArgumentException("A popup's link is an absolute http(s) URL or a path starting with a single '/'.", nameof(link));
        }
        if (id is not null && (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength))
        {
            throw new ArgumentException($"A popup's id is 1 to {MaxIdLength} characters.", nameof(id));
        }
        Title = title;
        Text = text;
        Severity = severity;
        Link = link;
        Id = id;
    }

    /// <summary>The title: one line of plain text.</summary>
    public string Title { get; }

    /// <summary>The message: plain text, possibly several lines, possibly empty.</summary>
    public string Text { get; }

    /// <summary>How much it asks for attention.</summary>
    public PopupSeverity Severity { get; }

    /// <summary>An absolute http(s) URL or an admin app path; null for none.</summary>
    public string? Link { get; }

    /// <summary>What identifies it across retried deliveries; null when repeats do not matter.</summary>
    public string? Id { get; }

    /// <summary>
    /// Whether <paramref name="link"/> may be a popup's link: an absolute http or https URL, or a path starting with
    /// a single <c>/</c> (not <c>//host</c>, which browsers read as another site), without control characters.
    /// </summary>
    /// <param name="link">The candidate link.</param>
    public static bool IsLink(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.Length is 0 or > MaxLinkLength || link.Any(char.IsControl) || link.Contains('\\', StringComparison.Ordinal))
        {
            return false;
        }
        if (link.StartsWith('/'))
        {
            return !link.StartsWith("//", StringComparison.Ordinal);
        }
        return Uri.TryCreate(link, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && !string.IsNullOrEmpty(uri.Host);
    }
}
