using System.Diagnostics.CodeAnalysis;
using System.Net;
using Lookout.Exclusions.Contracts;
using Lookout.Kernel.Net;

namespace Lookout.Exclusions.Matching;

/// <summary>
/// Visitor addresses: an exact address (<c>203.0.113.7</c>, <c>2001:db8::1</c>), a CIDR block (<c>10.0.0.0/8</c>,
/// <c>2001:db8::/32</c>) or wildcards over the address as written (<c>192.168.*</c>, <c>2001:db8:*</c>). IPv4-mapped
/// IPv6 addresses count as their IPv4 address.
/// </summary>
internal sealed class IpPattern : ExclusionPattern
{
    private readonly IpNetwork[] _networks;
    private readonly Wildcard[] _wildcards;

    private IpPattern(IpNetwork[] networks, Wildcard[] wildcards)
    {
        _networks = networks;
        _wildcards = wildcards;
    }

    public static IpPattern Parse(string[] entries, List<string> errors)
    {
        var networks = new List<IpNetwork>();
        var wildcards = new List<Wildcard>();
        foreach (var entry in entries)
        {
            if (Wildcard.HasWildcards(entry))
            {
                if (entry.All(c => char.IsAsciiHexDigit(c) || c is '.' or ':' or '*' or '?'))
                {
                    wildcards.Add(new Wildcard(entry));
                }
                else
                {
                    errors.Add($"'{entry}' is not an address with wildcards such as 192.168.*.");
                }
            }
            else if (IpNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else
            {
                errors.Add(entry.Contains('/', StringComparison.Ordinal)
                    ? $"'{entry}' is not a CIDR block such as 10.0.0.0/8 or 2001:db8::/32."
                    : $"'{entry}' is not an IP address: use 203.0.113.7, 2001:db8::1, 192.168.* or 10.0.0.0/8.");
            }
        }
        return new IpPattern([.. networks], [.. wildcards]);
    }

    /// <summary>One address written in full (<c>10.1</c> is refused); IPv4-mapped IPv6 becomes IPv4.</summary>
    public static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = !text.Contains('/', StringComparison.Ordinal) && IpNetwork.TryParse(text, out var single) ? single.BaseAddress : null;
        return address is not null;
    }

    public override bool Matches(ExclusionSubject subject)
    {
        if (subject.Ip is not { } ip)
        {
            return false;
        }
        foreach (var network in _networks)
        {
            if (network.Contains(ip))
            {
                return true;
            }
        }
        if (_wildcards.Length > 0)
        {
            var text = ip.ToString();
            foreach (var wildcard in _wildcards)
            {
                if (wildcard.Matches(text))
                {
                    return true;
                }
            }
        }
        return false;
    }
}
