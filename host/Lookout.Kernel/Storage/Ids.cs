using System.Globalization;
using System.Security.Cryptography;

namespace Lookout.Kernel.Storage;

/// <summary>
/// Row ids: 32 hex characters of a UUID version 7, time-ordered so that new rows append to indexes. Ids made by
/// this process are strictly increasing, also within one millisecond (a 12-bit counter after the timestamp, as
/// RFC 9562 allows): rows listed "by creation" come back in the order they were made.
/// </summary>
public static class Ids
{
    private static readonly Lock Gate = new();
    private static long _lastMilliseconds;
    private static int _counter;

    public static string New()
    {
        long milliseconds;
        int counter;
        lock (Gate)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (now > _lastMilliseconds)
            {
                _lastMilliseconds = now;
                _counter = 0;
            }
            else if (++_counter > 0xFFF)
            {
                _lastMilliseconds++; // 4,096 ids in one millisecond: borrow the next one
                _counter = 0;
            }
            milliseconds = _lastMilliseconds;
            counter = _counter;
        }
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        random[0] = (byte)(0x80 | (random[0] & 0x3F)); // the RFC 4122 variant
        return string.Create(CultureInfo.InvariantCulture, $"{milliseconds & 0xFFFF_FFFF_FFFF:x12}7{counter:x3}{Convert.ToHexStringLower(random)}");
    }
}
