using Lookout.Exclusions.Matching;
using static Lookout.Exclusions.Tests.Support.Rules;

namespace Lookout.Exclusions.Tests.Matching;

public sealed class IpExclusionTests
{
    [Theory]
    [InlineData("203.0.113.7", true)]
    [InlineData("203.0.113.70", false)]
    [InlineData("::ffff:203.0.113.7", true)]
    public void An_exact_IPv4_address_leaves_out_that_address_only(string ip, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Ip, "203.0.113.7", PageView(ip: ip)));

    [Theory]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:0db8:0000:0000:0000:0000:0000:0001", true)]
    [InlineData("2001:db8::2", false)]
    public void An_exact_IPv6_address_matches_however_the_address_is_written(string ip, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Ip, "2001:DB8:0::1", PageView(ip: ip)));

    [Theory]
    [InlineData("192.168.0.1", true)]
    [InlineData("192.168.254.17", true)]
    [InlineData("::ffff:192.168.1.1", true)]
    [InlineData("192.169.0.1", false)]
    [InlineData("10.192.168.1", false)]
    public void A_wildcard_leaves_out_every_address_that_begins_that_way(string ip, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Ip, "192.168.*", PageView(ip: ip)));

    [Theory]
    [InlineData("10.1.0.9", true)]
    [InlineData("10.12.0.9", false)]
    public void A_question_mark_in_an_address_stands_for_one_character(string ip, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Ip, "10.?.0.*", PageView(ip: ip)));

    [Theory]
    [InlineData("10.0.0.0", true)]
    [InlineData("10.255.255.255", true)]
    [InlineData("::ffff:10.20.30.40", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("9.255.255.255", false)]
    [InlineData("::a00:1", false)]
    public void An_IPv4_CIDR_block_leaves_out_the_addresses_inside_it(string ip, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Ip, "10.0.0.0/8", PageView(ip: ip)));

    [Theory]
    [InlineData("172.16.5.4", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.1", false)]
    public void Host_bits_typed_in_a_CIDR_block_are_ignored(string ip, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Ip, "172.16.9.9/12", PageView(ip: ip)));

    [Theory]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:db8:ffff:1::abcd", true)]
    [InlineData("2001:db9::1", false)]
    [InlineData("10.0.0.1", false)]
    public void An_IPv6_CIDR_block_leaves_out_the_addresses_inside_it(string ip, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Ip, "2001:db8::/32", PageView(ip: ip)));

    [Theory]
    [InlineData("2001:db8::42", true)]
    [InlineData("2001:db80::1", true)]
    [InlineData("2001:db9::1", false)]
    public void A_wildcard_applies_to_IPv6_addresses_as_written(string ip, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Ip, "2001:db8*", PageView(ip: ip)));

    [Fact]
    public void Several_forms_mix_in_one_list()
    {
        var rules = Compile(Exclusion(ExclusionKind.Ip, "203.0.113.7; 192.168.*; 10.0.0.0/8; 2001:db8::/32"));

        Assert.All(new[] { "203.0.113.7", "192.168.3.3", "10.9.9.9", "2001:db8::5" }, ip => Assert.NotNull(rules.Find(PageView(ip: ip))));
        Assert.Null(rules.Find(PageView(ip: "8.8.8.8")));
    }

    [Fact]
    public void A_page_view_without_an_address_is_not_left_out_by_IP_exclusions() =>
        Assert.False(Excludes(ExclusionKind.Ip, "*", PageView(url: "/")));
}
