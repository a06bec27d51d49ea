using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lookout.Samples.Webhook;

/// <summary>
/// The <c>Lookout-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>. Signing the
/// timestamp with the body lets a receiver refuse a replayed request (check the time) and a forged one (check the MAC).
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "Lookout-Signature";
    public const string TimestampHeader = "Lookout-Timestamp";

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="timestamp"/> (unix seconds).</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, timestamp, body))}";

    /// <summary>
    /// What a receiver does: true when <paramref name="header"/> signs <paramref name="body"/> with
    /// <paramref name="secret"/> and its time is within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? timestamp = null;
        byte[]? mac = null;
        foreach (var part in (header ?? "").Split(','))
        {
            var (key, value) = part.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? (part[..at].Trim(), part[(at + 1)..].Trim()) : ("", "");
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (key == "v1" && value.Length == 64)
            {
                try
                {
                    mac = Convert.FromHexString(value);
                }
                catch (FormatException)
                {
                    return false;
                }
            }
        }
        return timestamp is { } sent && mac is not null
            && (now - DateTimeOffset.FromUnixTimeSeconds(sent)).Duration() <= tolerance
            && CryptographicOperations.FixedTimeEquals(mac, Mac(secret, sent, body));
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
