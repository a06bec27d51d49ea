using System.Text;

namespace Lookout.Kernel.Text;

/// <summary>
/// The one rule for text that reaches people (names shown in the SPA, in emails, in attachments): no control
/// characters (NUL included), no bidi override or isolate characters (U+202A–U+202E, U+2066–U+2069, which reorder
/// what a reader sees), no line or paragraph separators (U+2028/U+2029, which some mail and JSON readers take as line
/// breaks), and valid UTF-16. Admin input that breaks it is refused naming the field; tracker input is stripped.
/// </summary>
public static class DisplayText
{
    /// <summary>What is wrong with <paramref name="text"/>, or null when it may be shown. Multi-line text (notes) may hold tabs and line breaks.</summary>
    public static string? Problem(string text, bool multiline = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                return "Not valid text (a lone UTF-16 surrogate).";
            }
            if (IsRefused(c, multiline))
            {
                return $"Must not contain control, bidi or line separator characters (U+{(int)c:X4} at position {i + 1}).";
            }
        }
        return null;
    }

    /// <summary><paramref name="text"/> trimmed, with every character <see cref="Problem"/> refuses removed: for input no one can be asked to fix (the tracker's).</summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Problem(text) is null)
        {
            return text.Trim();
        }
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else if (!char.IsSurrogate(c) && !IsRefused(c, multiline: false))
            {
                kept.Append(c);
            }
        }
        return kept.ToString().Trim();
    }

    private static bool IsRefused(char c, bool multiline) =>
        (char.IsControl(c) && !(multiline && c is '\t' or '\n' or '\r'))
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u2028' or '\u2029';
}
