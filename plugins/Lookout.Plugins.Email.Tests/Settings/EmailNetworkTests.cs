namespace Lookout.Plugins.Email.Tests.Settings;

public sealed class EmailNetworkTests
{
    private const string Colons = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    [Fact]
    public void Fingerprints_are_read_as_openssl_prints_them_or_as_bare_hex_in_any_case()
    {
        var read = EmailNetwork.Fingerprints($"{Colons}, {Colons.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant()} ,");

        Assert.Equal(["ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789"], read);
        Assert.Empty(EmailNetwork.Fingerprints(null));
    }

    [Theory]
    [InlineData("ABCDEF")]
    [InlineData("SHA1:AB:CD")]
    [InlineData("ZZCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    public void Anything_but_a_sha_256_fingerprint_is_refused(string entry) =>
        Assert.Throws<FormatException>(() => EmailNetwork.Fingerprints(entry));
}
