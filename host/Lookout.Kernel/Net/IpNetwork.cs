using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Lookout.Kernel.Net;

/// <summary>
/// A block of IPv4 or IPv6 addresses written in CIDR form (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>) or as one
/// address (<c>192.168.1.10</c>, a /32 or /128). An IPv4-mapped IPv6 address (<c>::ffff:10.1.2.3</c>) counts as its
/// IPv4 address, both as a network and as an address tested against one, because dual-stack sockets report IPv4
/// peers that way.
/// </summary>
/// <remarks>
/// Unlike <see cref="System.Net.IPNetwork"/>, host bits are cleared rather than refused (<c>192.168.1.7/24</c> is
/// <c>192.168.1.0/24</c>), which suits addresses typed by admins, and IPv4 parts must be written in full
/// (<c>10.1</c> is not <c>10.0.0.1</c>).
/// </remarks>
public sealed class IpNetwork
{
    private static readonly SearchValues<char> DottedDecimal = SearchValues.Create("0123456789.");

    private readonly ulong _high;
    private readonly ulong _low;
    private readonly ulong _highMask;
    private readonly ulong _lowMask;

    private IpNetwork(AddressFamily family, ulong high, ulong low, int prefixLength)
    {
        AddressFamily = family;
        PrefixLength = prefixLength;
        if (family == AddressFamily.InterNetwork)
        {
            _lowMask = prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);
        }
        else
        {
            _highMask = prefixLength == 0 ? 0 : prefixLength >= 64 ? ulong.MaxValue : ulong.MaxValue << (64 - prefixLength);
            _lowMask = prefixLength <= 64 ? 0 : ulong.MaxValue << (128 - prefixLength);
        }
        _high = high & _highMask;
        _low = low & _lowMask;
        BaseAddress = ToAddress(family, _high, _low);
    }

    /// <summary><see cref="AddressFamily.InterNetwork"/> or <see cref="AddressFamily.InterNetworkV6"/>.</summary>
    public AddressFamily AddressFamily { get; }

    /// <summary>The first address of the block (host bits cleared).</summary>
    public IPAddress BaseAddress { get; }

    /// <summary>How many leading bits are fixed: 0–32 for IPv4, 0–128 for IPv6.</summary>
    public int PrefixLength { get; }

    /// <summary>Whether <paramref name="address"/> lies in this block; an address of the other family never does.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return TryReadBits(address, out var family, out var high, out var low)
            && family == AddressFamily
            && (high & _highMask) == _high
            && (low & _lowMask) == _low;
    }

    /// <summary>Parses <c>address/prefix</c> or a single address.</summary>
    /// <exception cref="FormatException">The text is not an IPv4 or IPv6 address or CIDR block.</exception>
    public static IpNetwork Parse(string text) =>
        TryParse(text, out var network) ? network : throw new FormatException($"'{text}' is not an IP address or CIDR block (e.g. 10.0.0.0/8, 2001:db8::/32).");

    /// <summary>Parses <c>address/prefix</c> or a single address; surrounding white space is ignored.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out IpNetwork? network)
    {
        network = null;
        if (text is null)
        {
            return false;
        }
        var span = text.AsSpan().Trim();
        var slash = span.IndexOf('/');
        var addressPart = slash < 0 ? span : span[..slash];
        if (!TryParseAddress(addressPart, out var address) || !TryReadBits(address, out var family, out var high, out var low))
        {
            return false;
        }
        var maxPrefix = family == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0)
        {
            var prefixPart = span[(slash + 1)..];
            if (prefixPart.Length > 3 || !int.TryParse(prefixPart, NumberStyles.None, CultureInfo.InvariantCulture, out prefix))
            {
                return false;
            }
            // ::ffff:10.0.0.0/104 is 10.0.0.0/8: the address was read as IPv4, so the prefix drops the 96 mapped bits.
            if (address.IsIPv4MappedToIPv6)
            {
                if (prefix < 96)
                {
                    return false;
                }
                prefix -= 96;
            }
            if (prefix > maxPrefix)
            {
                return false;
            }
        }
        network = new IpNetwork(family, high, low, prefix);
        return true;
    }

    /// <summary>CIDR form, e.g. <c>10.0.0.0/8</c>.</summary>
    public override string ToString() => $"{BaseAddress}/{PrefixLength}";

    private static bool TryParseAddress(ReadOnlySpan<char> text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.IsEmpty)
        {
            return false;
        }
        // IPAddress.TryParse takes 10.1 as 10.0.0.1 and 0x7f.1 as 127.0.0.1: an admin means neither.
        if (!text.Contains(':') && (text.Count('.') != 3 || text.ContainsAnyExcept(DottedDecimal)))
        {
            return false;
        }
        return IPAddress.TryParse(text, out address);
    }

    /// <summary>An address as 128 bits (IPv4 in the low 32 bits); IPv4-mapped IPv6 addresses read as IPv4.</summary>
    private static bool TryReadBits(IPAddress address, out AddressFamily family, out ulong high, out ulong low)
    {
        Span<byte> bytes = stackalloc byte[16];
        high = 0;
        low = 0;
        family = address.AddressFamily;
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return false;
        }
        if (written == 4)
        {
            low = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            return true;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            family = AddressFamily.InterNetwork;
            low = BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]);
            return true;
        }
        high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        return written == 16;
    }

    private static IPAddress ToAddress(AddressFamily family, ulong high, ulong low)
    {
        if (family == AddressFamily.InterNetwork)
        {
            Span<byte> v4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)low);
            return new IPAddress(v4);
        }
        Span<byte> v6 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(v6, high);
        BinaryPrimitives.WriteUInt64BigEndian(v6[8..], low);
        return new IPAddress(v6);
    }
}
