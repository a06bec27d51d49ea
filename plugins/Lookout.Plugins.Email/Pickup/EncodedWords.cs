using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lookout.Plugins.Email.Pickup;

/// <summary>Decodes RFC 2047 encoded words (<c>=?utf-8?B?...?=</c>, <c>=?utf-8?Q?...?=</c>) in a header value, as SMTP clients write non-ASCII text.</summary>
internal static partial class EncodedWords
{
    public static string Decode(string value)
    {
        // Whitespace between two encoded words is not part of the text.
        var joined = Between().Replace(value, "$1$2");
        return Word().Replace(joined, match =>
        {
            Encoding encoding;
            try
            {
                encoding = Encoding.GetEncoding(match.Groups["charset"].Value);
            }
            catch (ArgumentException)
            {
                return match.Value;
            }
            var text = match.Groups["text"].Value;
            try
            {
                return string.Equals(match.Groups["encoding"].Value, "B", StringComparison.OrdinalIgnoreCase)
                    ? encoding.GetString(Convert.FromBase64String(text))
                    : encoding.GetString(QuotedPrintable(text));
            }
            catch (FormatException)
            {
                return match.Value;
            }
        });
    }

    private static byte[] QuotedPrintable(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_')
            {
                bytes.Add((byte)' ');
            }
            else if (text[i] == '=' && i + 2 < text.Length && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.Add((byte)text[i]);
            }
        }
        return [.. bytes];
    }

    [GeneratedRegex(@"=\?(?<charset>[^?\s]+)\?(?<encoding>[BbQq])\?(?<text>[^?\s]*)\?=")]
    private static partial Regex Word();

    [GeneratedRegex(@"(\?=)\s+(=\?)")]
    private static partial Regex Between();
}
