using System.Globalization;

namespace Lookout.Plugins.Sms;

/// <summary>How an SMS is encoded on the network.</summary>
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 7-bit alphabet: 160 characters in one segment, 153 per segment when split; the extension table (<c>^{}[]~|€\</c>, form feed) counts twice.</summary>
    Gsm7,

    /// <summary>Anything else, as UTF-16: 70 code units in one segment, 67 per segment when split.</summary>
    Ucs2,
}

/// <summary>A message's length on the network.</summary>
/// <param name="Units">Septets for GSM-7, UTF-16 code units for UCS-2.</param>
public sealed record SmsLength(SmsEncoding Encoding, int Units, int Segments)
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "\f^{}\\[~]|€";

    /// <summary>Counts <paramref name="text"/>: GSM-7 when every character is in its alphabet, UCS-2 otherwise.</summary>
    public static SmsLength Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.All(c => Basic.Contains(c, StringComparison.Ordinal) || Extension.Contains(c, StringComparison.Ordinal)))
        {
            return Gsm(text);
        }
        return Ucs2(text);
    }

    /// <summary>
    /// <paramref name="text"/> cut to at most <paramref name="maxSegments"/> segments, ending with an ellipsis when cut
    /// (<c>...</c> in GSM-7 so that the encoding does not change, <c>…</c> in UCS-2); whole when it fits.
    /// </summary>
    public static string Truncate(string text, int maxSegments)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegments, 1);
        var length = Of(text);
        if (length.Segments <= maxSegments)
        {
            return text;
        }
        var ellipsis = length.Encoding == SmsEncoding.Gsm7 ? "..." : "…";
        // Whole text elements only, so that a surrogate pair or a combined character is never split.
        var elements = StringInfo.ParseCombiningCharacters(text);
        int low = 0, high = elements.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (Of(text[..elements[middle]].TrimEnd() + ellipsis).Segments <= maxSegments)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        return text[..elements[low]].TrimEnd() + ellipsis;
    }

    private static SmsLength Gsm(string text)
    {
        var septets = text.Sum(c => Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1);
        if (septets <= 160)
        {
            return new(SmsEncoding.Gsm7, septets, septets == 0 ? 0 : 1);
        }
        // An escaped character (two septets) never straddles two segments.
        int segments = 1, used = 0;
        foreach (var c in text)
        {
            var cost = Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1;
            if (used + cost > 153)
            {
                segments++;
                used = 0;
            }
            used += cost;
        }
        return new(SmsEncoding.Gsm7, septets, segments);
    }

    private static SmsLength Ucs2(string text)
    {
        if (text.Length <= 70)
        {
            return new(SmsEncoding.Ucs2, text.Length, 1);
        }
        // A surrogate pair never straddles two segments.
        int segments = 1, used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var cost = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (used + cost > 67)
            {
                segments++;
                used = 0;
            }
            used += cost;
            i += cost - 1;
        }
        return new(SmsEncoding.Ucs2, text.Length, segments);
    }
}
