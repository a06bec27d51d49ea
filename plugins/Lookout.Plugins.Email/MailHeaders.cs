using System.Text;

namespace Lookout.Plugins.Email;

/// <summary>
/// What text may go into a header (subject, display names, attachment names), before MimeKit encodes it: control
/// characters (CR and LF above all) and Unicode line separators become spaces, runs of spaces one, and the length is
/// bounded. MimeKit would already drop a bare CR or LF from an unstructured header, but it would glue the words
/// together, and it encodes a line break inside a display name as <c>=0A</c>, which a reader decodes back into one.
/// </summary>
internal static class MailHeaders
{
    public const int MaxSubjectLength = 250;
    public const int MaxDisplayNameLength = 100;
    public const int MaxFileNameLength = 120;

    public static string Clean(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var clean = new StringBuilder(Math.Min(text.Length, maxLength));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u2028' or '\u2029')
            {
                space = clean.Length > 0;
                continue;
            }
            if (space)
            {
                clean.Append(' ');
                space = false;
            }
            clean.Append(c);
            if (clean.Length >= maxLength)
            {
                break;
            }
        }
        return clean.ToString();
    }

    /// <summary>An attachment's name: one line, no path, no quotes; <c>attachment</c> when nothing is left.</summary>
    public static string FileName(string? name)
    {
        var clean = Clean(name, MaxFileNameLength);
        foreach (var c in "/\\\"<>:|?*")
        {
            clean = clean.Replace(c, '_');
        }
        clean = clean.Trim(' ', '.');
        return clean.Length == 0 ? "attachment" : clean;
    }
}
