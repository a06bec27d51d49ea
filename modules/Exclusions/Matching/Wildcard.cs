namespace Lookout.Exclusions.Matching;

/// <summary>
/// A wildcard pattern over a whole text: <c>*</c> stands for any run of characters (slashes and dots included),
/// <c>?</c> for exactly one. Case-insensitive. Split once into the literal parts between the stars, so matching is a
/// few span comparisons and never allocates.
/// </summary>
internal sealed class Wildcard
{
    private readonly string[] _parts;

    public Wildcard(string pattern)
    {
        _parts = pattern.Split('*');
    }

    public static bool HasWildcards(string text) => text.AsSpan().IndexOfAny('*', '?') >= 0;

    public bool Matches(ReadOnlySpan<char> text)
    {
        var first = _parts[0];
        if (_parts.Length == 1)
        {
            return text.Length == first.Length && PartAt(text, 0, first);
        }
        var last = _parts[^1];
        if (text.Length < first.Length + last.Length || !PartAt(text, 0, first) || !PartAt(text, text.Length - last.Length, last))
        {
            return false;
        }
        // Between the anchored ends, taking each middle part at its leftmost place leaves the most room for the rest.
        var position = first.Length;
        var end = text.Length - last.Length;
        for (var i = 1; i < _parts.Length - 1; i++)
        {
            var part = _parts[i];
            var found = IndexOf(text[position..end], part);
            if (found < 0)
            {
                return false;
            }
            position += found + part.Length;
        }
        return true;
    }

    private static int IndexOf(ReadOnlySpan<char> text, string part)
    {
        if (!part.Contains('?', StringComparison.Ordinal))
        {
            return text.IndexOf(part, StringComparison.OrdinalIgnoreCase);
        }
        for (var at = 0; at + part.Length <= text.Length; at++)
        {
            if (PartAt(text, at, part))
            {
                return at;
            }
        }
        return -1;
    }

    private static bool PartAt(ReadOnlySpan<char> text, int at, string part)
    {
        for (var i = 0; i < part.Length; i++)
        {
            var p = part[i];
            var c = text[at + i];
            if (p != '?' && p != c && char.ToUpperInvariant(p) != char.ToUpperInvariant(c))
            {
                return false;
            }
        }
        return true;
    }
}
