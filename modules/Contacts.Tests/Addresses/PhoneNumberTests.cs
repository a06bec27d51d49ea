using Lookout.Contacts.Addresses;

namespace Lookout.Contacts.Tests.Addresses;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    [InlineData("0033 (6) 12.34.56.78", "+33612345678")]
    [InlineData("+1-415-555-0100", "+14155550100")]
    [InlineData(" +49 151 1234 5678 ", "+4915112345678")]
    public void A_number_in_international_form_is_stored_in_E164_without_a_default_region(string typed, string e164)
    {
        Assert.True(PhoneNumber.TryNormalize(typed, null, out var normalized, out _));
        Assert.Equal(e164, normalized);
    }

    [Theory]
    [InlineData("07400 123456", "GB", "+447400123456")]
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    [InlineData("06 12 34 56 78", "FR", "+33612345678")]
    [InlineData("(415) 555-0100", "US", "+14155550100")]
    [InlineData("0151 1234 5678", "DE", "+4915112345678")]
    public void A_national_number_is_read_in_the_default_region_and_stored_in_E164(string typed, string region, string e164)
    {
        Assert.True(PhoneNumber.TryNormalize(typed, region, out var normalized, out _));
        Assert.Equal(e164, normalized);
    }

    [Theory]
    [InlineData("+33 6 12 34 56 78", "GB", "+33612345678")]
    [InlineData("+1 415 555 0100", "DE", "+14155550100")]
    public void A_number_with_its_country_code_ignores_the_default_region(string typed, string region, string e164)
    {
        Assert.True(PhoneNumber.TryNormalize(typed, region, out var normalized, out _));
        Assert.Equal(e164, normalized);
    }

    [Theory]
    [InlineData("07400 12345")]
    [InlineData("12345")]
    [InlineData("06 12 34 56 78")]
    public void A_number_that_is_not_valid_for_the_default_region_is_refused_naming_the_region(string typed)
    {
        Assert.False(PhoneNumber.TryNormalize(typed, "GB", out _, out var error));
        Assert.StartsWith("Not a valid phone number for GB.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_national_number_without_a_default_region_asks_for_the_country_code_or_the_region()
    {
        Assert.False(PhoneNumber.TryNormalize("06 12 34 56 78", null, out _, out var error));
        Assert.Equal("Add the country code (e.g. +44 for the United Kingdom) or set the workspace's default region.", error);
    }

    [Theory]
    [InlineData("+33 612", "Not a valid phone number for FR (+33).")]
    [InlineData("+33 6 12 34 56 78 90 12 34", "Not a valid phone number for FR (+33).")]
    [InlineData("+0 612 345 678", "Not a valid phone number: no country has the code after the +.")]
    [InlineData("+999 1234 5678", "Not a valid phone number: no country has the code after the +.")]
    [InlineData("+44 7400 123456 ext 3", "Leave out the extension: text messages reach the number itself.")]
    [InlineData("+abc", "Not a phone number: a + followed by the country code and the number, e.g. +33 6 12 34 56 78.")]
    public void An_international_number_that_is_not_valid_is_refused_saying_why(string typed, string expected)
    {
        Assert.False(PhoneNumber.TryNormalize(typed, "GB", out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("+33 6 12 34 56 78 ................................................................")]
    public void Nothing_or_too_much_is_refused(string typed) =>
        Assert.False(PhoneNumber.TryNormalize(typed, "FR", out _, out _));

    [Theory]
    [InlineData("Ann@Example.COM", null, "ann@example.com")]
    [InlineData("+44 20 7946 0958", null, "+442079460958")]
    [InlineData("07400 123456", "GB", "+447400123456")]
    public void A_typed_recipient_is_an_email_address_or_a_phone_number(string typed, string? region, string address)
    {
        Assert.True(AdHocRecipients.TryNormalize(typed, region, out var normalized, out _));
        Assert.Equal(address, normalized);
    }

    [Fact]
    public void A_typed_national_number_that_is_not_valid_for_the_region_is_refused_naming_the_region()
    {
        Assert.False(AdHocRecipients.TryNormalize("07400 12345", "GB", out _, out var error));
        Assert.StartsWith("Not a valid phone number for GB.", error, StringComparison.Ordinal);
    }
}
