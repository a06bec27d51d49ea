using Lookout.Kernel.Text;

namespace Lookout.Kernel.Tests.Text;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData("  Ann.Smith+alerts@Example.CO.uk ", "ann.smith+alerts@example.co.uk")]
    [InlineData("zoë@exämple.com", "zoë@exämple.com")]
    [InlineData("ann@XN--bcher-kva.example", "ann@xn--bcher-kva.example")]
    public void A_bare_address_with_a_dotted_domain_is_kept_trimmed_and_lower_case(string text, string expected)
    {
        Assert.True(EmailAddress.TryNormalize(text, out var email));
        Assert.Equal(expected, email);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("someone@localhost")]
    [InlineData("someone@example.")]
    [InlineData("Ann <ann@example.com>")]
    [InlineData("ann@example.com\u2028bcc: eve@example.com")]
    [InlineData("ann@example.com\r\nBcc: eve@example.com")]
    [InlineData("ann@example.com bcc@example.com")]
    [InlineData("ann\u0000@example.com")]
    [InlineData("ann\u202E@example.com")]
    [InlineData("ann@exa\u2029mple.com")]
    public void Anything_else_is_not_an_email_address(string? text) => Assert.False(EmailAddress.TryNormalize(text, out _));

    [Fact]
    public void An_address_with_a_lone_surrogate_is_refused() => Assert.False(EmailAddress.TryNormalize((char)0xD800 + "ann@example.com", out _));

    [Fact]
    public void An_address_over_254_characters_is_refused()
    {
        var local = new string('a', 64);
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 4)) + ".com";
        Assert.False(EmailAddress.TryNormalize($"{local}@{domain}", out _));
        Assert.True(EmailAddress.TryNormalize($"{local}@example.com", out _));
    }
}
