using Lookout.Contacts.Addresses;

namespace Lookout.Contacts.Tests.Addresses;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    [InlineData("0033 (6) 12.34.56.78", "+33612345678")]
    [InlineData("+1-415-555-0100", "+14155550100")]
    [InlineData(" +49 151 1234 5678 ", "+4915112345678")]
    public void A_number_in_international_form_is_stored_in_E164(string typed, string e164)
    {
        Assert.True(PhoneNumber.TryNormalize(typed, out var normalized));
        Assert.Equal(e164, normalized);
    }

    [Theory]
    [InlineData("06 12 34 56 78")]
    [InlineData("+0 612 345 678")]
    [InlineData("+33 6 12 34 56 78 90 12 34")]
    [InlineData("+33 612")]
    [InlineData("+33 6 12 34 56 7x")]
    [InlineData("")]
    public void A_number_without_its_country_code_or_with_other_characters_is_refused(string typed) =>
        Assert.False(PhoneNumber.TryNormalize(typed, out _));

    [Theory]
    [InlineData("Ann@Example.COM", "ann@example.com")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    public void A_typed_recipient_is_an_email_address_or_a_phone_number(string typed, string address)
    {
        Assert.True(AdHocRecipients.TryNormalize(typed, out var normalized, out _));
        Assert.Equal(address, normalized);
    }
}
