using System.Net;
using Lookout.Kernel.Net;

namespace Lookout.Visitors.Tests.Enrichment;

public sealed class IpNetworkTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.255.3.4", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("192.168.1.0/24", "192.168.1.255", true)]
    [InlineData("192.168.1.0/24", "192.168.2.0", false)]
    [InlineData("203.0.113.7", "203.0.113.7", true)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    [InlineData("0.0.0.0/0", "198.51.100.1", true)]
    [InlineData("172.16.0.0/12", "172.31.255.255", true)]
    [InlineData("172.16.0.0/12", "172.32.0.0", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("2001:db8:1234:5678::/64", "2001:db8:1234:5678:abcd::1", true)]
    [InlineData("2001:db8:1234:5678::/64", "2001:db8:1234:5679::1", false)]
    [InlineData("2001:db8::1/128", "2001:db8::1", true)]
    [InlineData("2001:db8::/127", "2001:db8::1", true)]
    [InlineData("2001:db8::/127", "2001:db8::2", false)]
    [InlineData("::/0", "fe80::1", true)]
    public void A_network_contains_exactly_the_addresses_of_its_prefix(string network, string address, bool contained)
    {
        Assert.Equal(contained, IpNetwork.Parse(network).Contains(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("::ffff:10.0.0.0/104", "10.1.2.3", true)]
    [InlineData("::ffff:10.0.0.0/104", "11.1.2.3", false)]
    [InlineData("10.0.0.0/8", "::a01:203", false)]
    [InlineData("2001:db8::/32", "10.1.2.3", false)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)]
    public void An_ipv4_mapped_address_counts_as_ipv4_and_families_never_mix(string network, string address, bool contained)
    {
        Assert.Equal(contained, IpNetwork.Parse(network).Contains(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("192.168.1.77/24", "192.168.1.0/24")]
    [InlineData(" 10.20.30.40/8 ", "10.0.0.0/8")]
    [InlineData("2001:db8:1:2:3:4:5:6/48", "2001:db8:1::/48")]
    [InlineData("203.0.113.9", "203.0.113.9/32")]
    [InlineData("2001:db8::1", "2001:db8::1/128")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1/32")]
    public void Host_bits_are_cleared_and_a_lone_address_is_a_single_address_network(string text, string canonical)
    {
        Assert.Equal(canonical, IpNetwork.Parse(text).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("10.0.0.0/ 8")]
    [InlineData("2001:db8::/129")]
    [InlineData("::ffff:10.0.0.0/95")]
    [InlineData("192.168.*")]
    [InlineData("localhost")]
    [InlineData("256.0.0.1")]
    public void Text_that_is_not_an_address_or_cidr_block_is_refused(string? text)
    {
        Assert.False(IpNetwork.TryParse(text, out _));
    }

    [Fact]
    public void Parse_names_the_text_it_cannot_read()
    {
        var error = Assert.Throws<FormatException>(() => IpNetwork.Parse("10.0.0.0/40"));

        Assert.Contains("10.0.0.0/40", error.Message, StringComparison.Ordinal);
    }
}
