using System.Net;
using Lookout.Visitors.Enrichment;
using Microsoft.Extensions.Primitives;

namespace Lookout.Visitors.Tests.Enrichment;

public sealed class TrustedProxiesTests
{
    private static readonly TrustedProxies Proxies = TrustedProxies.Parse(["127.0.0.1", "10.0.0.0/8", "fd00::/8"]);

    [Fact]
    public void Without_trusted_proxies_the_client_is_the_peer_whatever_the_header_says()
    {
        var client = TrustedProxies.None.ClientAddress(IPAddress.Parse("198.51.100.7"), "203.0.113.1");

        Assert.Equal(IPAddress.Parse("198.51.100.7"), client);
    }

    [Fact]
    public void A_peer_that_is_not_a_trusted_proxy_cannot_forge_the_client_address()
    {
        var client = Proxies.ClientAddress(IPAddress.Parse("198.51.100.7"), "203.0.113.1");

        Assert.Equal(IPAddress.Parse("198.51.100.7"), client);
    }

    [Fact]
    public void Behind_a_trusted_proxy_the_client_is_the_right_most_untrusted_forwarded_address()
    {
        // The visitor wrote 1.2.3.4 themselves; 203.0.113.9 is who connected to our first proxy.
        var client = Proxies.ClientAddress(IPAddress.Parse("127.0.0.1"), "1.2.3.4, 203.0.113.9, 10.1.1.1");

        Assert.Equal(IPAddress.Parse("203.0.113.9"), client);
    }

    [Fact]
    public void Several_forwarded_headers_are_read_as_one_list()
    {
        var client = Proxies.ClientAddress(IPAddress.Parse("10.0.0.2"), new StringValues(["198.51.100.20", "10.0.0.3"]));

        Assert.Equal(IPAddress.Parse("198.51.100.20"), client);
    }

    [Theory]
    [InlineData("203.0.113.9:51234", "203.0.113.9")]
    [InlineData("[2001:db8::7]:443", "2001:db8::7")]
    [InlineData(" 2001:db8::7 ", "2001:db8::7")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    public void Forwarded_entries_may_carry_ports_and_brackets(string forwardedFor, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), Proxies.ClientAddress(IPAddress.Parse("127.0.0.1"), forwardedFor));
    }

    [Theory]
    [InlineData("unknown, 10.0.0.5", "10.0.0.5")]
    [InlineData("garbage", "127.0.0.1")]
    [InlineData("", "127.0.0.1")]
    [InlineData("10.0.0.9, 10.0.0.5", "10.0.0.9")]
    public void An_unreadable_or_exhausted_chain_stops_at_the_last_address_known(string forwardedFor, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), Proxies.ClientAddress(IPAddress.Parse("127.0.0.1"), forwardedFor));
    }

    [Fact]
    public void A_dual_stack_peer_is_matched_and_returned_as_ipv4()
    {
        var client = Proxies.ClientAddress(IPAddress.Parse("::ffff:127.0.0.1"), StringValues.Empty);

        Assert.Equal(IPAddress.Parse("127.0.0.1"), client);
    }

    [Fact]
    public void A_trusted_ipv6_proxy_forwards_its_client()
    {
        var client = Proxies.ClientAddress(IPAddress.Parse("fd12::1"), "2001:db8::42");

        Assert.Equal(IPAddress.Parse("2001:db8::42"), client);
    }

    [Fact]
    public void A_misconfigured_proxy_entry_is_named()
    {
        var error = Assert.Throws<FormatException>(() => TrustedProxies.Parse(["10.0.0.0/8", "10.0.0.0/99"]));

        Assert.Contains("10.0.0.0/99", error.Message, StringComparison.Ordinal);
    }
}
