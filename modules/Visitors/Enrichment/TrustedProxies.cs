using System.Net;
using Lookout.Kernel.Net;
using Microsoft.Extensions.Primitives;

namespace Lookout.Visitors.Enrichment;

/// <summary>
/// Which peers may tell us the client's address. <c>X-Forwarded-For</c> is written by whoever sent the request, so it
/// is read only when the connection comes from a configured proxy, and then only as far back as the chain of
/// trusted proxies goes: the right-most address that is not one of them is the client.
/// </summary>
public sealed class TrustedProxies
{
    private readonly IpNetwork[] _networks;

    public TrustedProxies(IEnumerable<IpNetwork> networks)
    {
        ArgumentNullException.ThrowIfNull(networks);
        _networks = [.. networks];
    }

    /// <summary>No proxy is trusted: the client is always the peer of the connection.</summary>
    public static TrustedProxies None { get; } = new([]);

    /// <summary>The trusted addresses and blocks.</summary>
    public IReadOnlyList<IpNetwork> Networks => _networks;

    /// <summary>Parses addresses and CIDR blocks (<c>127.0.0.1</c>, <c>10.0.0.0/8</c>, <c>fd00::/8</c>).</summary>
    /// <exception cref="FormatException">An entry is neither; the message names it.</exception>
    public static TrustedProxies Parse(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new(entries.Where(entry => !string.IsNullOrWhiteSpace(entry)).Select(IpNetwork.Parse));
    }

    /// <summary>Whether <paramref name="address"/> is one of the trusted proxies.</summary>
    public bool IsTrusted(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The client's address: <paramref name="peer"/> unless it is a trusted proxy; then the right-most entry of
    /// <paramref name="forwardedFor"/> (every <c>X-Forwarded-For</c> header, in order) that is not a trusted proxy. When
    /// an entry cannot be read (<c>unknown</c>, garbage) the walk stops at the last address it could trust. IPv4-mapped
    /// IPv6 addresses come back as IPv4.
    /// </summary>
    public IPAddress ClientAddress(IPAddress peer, StringValues forwardedFor)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var client = Normalize(peer);
        if (_networks.Length == 0)
        {
            return client;
        }
        for (var header = forwardedFor.Count - 1; header >= 0; header--)
        {
            var remaining = (forwardedFor[header] ?? "").AsSpan();
            while (IsTrusted(client))
            {
                if (remaining.IsWhiteSpace())
                {
                    break;
                }
                var comma = remaining.LastIndexOf(',');
                var entry = remaining[(comma + 1)..];
                remaining = comma < 0 ? [] : remaining[..comma];
                if (!TryParseEntry(entry, out var address))
                {
                    return client;
                }
                client = Normalize(address);
            }
            if (!IsTrusted(client))
            {
                return client;
            }
        }
        return client;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>An entry is <c>v4</c>, <c>v4:port</c>, <c>v6</c> or <c>[v6]:port</c>.</summary>
    private static bool TryParseEntry(ReadOnlySpan<char> entry, out IPAddress address)
    {
        entry = entry.Trim();
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']');
            entry = close < 0 ? [] : entry[1..close];
        }
        else if (entry.Count(':') == 1)
        {
            entry = entry[..entry.IndexOf(':')];
        }
        if (IPAddress.TryParse(entry, out var parsed))
        {
            address = parsed;
            return true;
        }
        address = IPAddress.None;
        return false;
    }
}
