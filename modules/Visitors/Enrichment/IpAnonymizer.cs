using System.Net;
using System.Net.Sockets;

namespace Lookout.Visitors.Enrichment;

/// <summary>Blurs a visitor's address before it is stored, for sites that ask for IP anonymisation.</summary>
public static class IpAnonymizer
{
    /// <summary>
    /// Zeroes the last octet of an IPv4 address (<c>203.0.113.77</c> → <c>203.0.113.0</c>) and the last 80 bits of an
    /// IPv6 address (<c>2001:db8:1234:5678::1</c> → <c>2001:db8:1234::</c>). An IPv4-mapped IPv6 address is treated,
    /// and returned, as its IPv4 address.
    /// </summary>
    public static IPAddress Anonymize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            throw new ArgumentException($"'{address}' cannot be read as IPv4 or IPv6.", nameof(address));
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[3] = 0;
            return new IPAddress(bytes[..4]);
        }
        bytes[6..written].Clear();
        return new IPAddress(bytes[..written]);
    }
}
