using System.Net;
using Lookout.Visitors.Enrichment;

namespace Lookout.Visitors.Tests.Enrichment;

public sealed class IpAnonymizerTests
{
    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0")]
    [InlineData("10.0.0.255", "10.0.0.0")]
    [InlineData("198.51.100.0", "198.51.100.0")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0")]
    [InlineData("2001:db8:1234:5678:9abc:def0:1234:5678", "2001:db8:1234::")]
    [InlineData("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8:ffff::")]
    [InlineData("::1", "::")]
    public void The_last_octet_of_ipv4_and_the_last_80_bits_of_ipv6_are_zeroed(string address, string anonymized)
    {
        Assert.Equal(IPAddress.Parse(anonymized), IpAnonymizer.Anonymize(IPAddress.Parse(address)));
    }
}
