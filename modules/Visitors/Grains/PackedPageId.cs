namespace Lookout.Visitors.Grains;

/// <summary>
/// A page id held as two numbers instead of a string, when it is at most 20 characters of A-Z, a-z, 0-9, _ and -
/// (the tracker's ids have 16). A visitor's open page then points to nothing new when the next page comes: an old
/// object that points to a young one is scanned again at every garbage collection until the young one grows old, and
/// with every visitor's page doing that, those scans were most of /collect's collection pauses (bench/README.md).
/// </summary>
internal readonly record struct PackedPageId(ulong Low, ulong High)
{
    public const int MaxLength = 20;
    private const int CharsPerHalf = 10;
    private const int BitsPerChar = 6;
    private const int LengthShift = CharsPerHalf * BitsPerChar; // the top 4 bits of each half hold half of the length
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";

    public static bool TryPack(string id, out PackedPageId packed)
    {
        packed = default;
        if (id.Length > MaxLength)
        {
            return false;
        }
        ulong low = 0, high = 0;
        for (var i = 0; i < id.Length; i++)
        {
            if (Code(id[i]) is not { } code)
            {
                return false;
            }
            if (i < CharsPerHalf)
            {
                low |= code << (BitsPerChar * i);
            }
            else
            {
                high |= code << (BitsPerChar * (i - CharsPerHalf));
            }
        }
        low |= (ulong)(id.Length & 0xF) << LengthShift;
        high |= (ulong)(id.Length >> 4) << LengthShift;
        packed = new PackedPageId(low, high);
        return true;
    }

    public string Unpack()
    {
        var length = (int)((Low >> LengthShift) | ((High >> LengthShift) << 4));
        return string.Create(length, this, static (chars, packed) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                var half = i < CharsPerHalf ? packed.Low : packed.High;
                chars[i] = Alphabet[(int)((half >> (BitsPerChar * (i % CharsPerHalf))) & 0x3F)];
            }
        });
    }

    private static ulong? Code(char c) => c switch
    {
        >= '0' and <= '9' => (ulong)(c - '0'),
        >= 'A' and <= 'Z' => (ulong)(c - 'A' + 10),
        >= 'a' and <= 'z' => (ulong)(c - 'a' + 36),
        '_' => 62,
        '-' => 63,
        _ => null,
    };
}
