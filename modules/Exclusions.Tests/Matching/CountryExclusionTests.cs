using Lookout.Exclusions.Matching;
using static Lookout.Exclusions.Tests.Support.Rules;

namespace Lookout.Exclusions.Tests.Matching;

public sealed class CountryExclusionTests
{
    [Theory]
    [InlineData("FR")]
    [InlineData("fr")]
    [InlineData("France")]
    [InlineData("FRANCE")]
    [InlineData("  france ")]
    public void A_country_is_named_by_its_code_or_its_name_in_any_case(string pattern) =>
        Assert.True(Excludes(ExclusionKind.Country, pattern, PageView(country: "FR")));

    [Theory]
    [InlineData("Côte d'Ivoire", "CI")]
    [InlineData("cote d’ivoire", "CI")]
    [InlineData("Ivory Coast", "CI")]
    [InlineData("United  Kingdom", "GB")]
    [InlineData("UK", "GB")]
    [InlineData("Türkiye", "TR")]
    [InlineData("turkey", "TR")]
    [InlineData("United States of America", "US")]
    [InlineData("Korea, Republic of", "KR")]
    [InlineData("Åland Islands", "AX")]
    public void Country_names_ignore_accents_apostrophes_and_spacing_and_take_common_other_names(string pattern, string code) =>
        Assert.True(Excludes(ExclusionKind.Country, pattern, PageView(country: code)));

    [Theory]
    [InlineData("DE", true)]
    [InlineData("GB", true)]
    [InlineData("de", true)]
    [InlineData("US", false)]
    [InlineData(null, false)]
    public void A_list_of_countries_leaves_out_visitors_from_any_of_them(string? country, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Country, "Germany; GB", PageView(country: country)));

    [Fact]
    public void Every_country_is_known_by_its_code_and_its_name()
    {
        Assert.Equal(249, Countries.All.Count);
        Assert.All(Countries.All, country =>
        {
            Assert.True(Countries.TryFind(country.Code, out var byCode));
            Assert.True(Countries.TryFind(country.Name.ToUpperInvariant(), out var byName));
            Assert.Equal(country, byCode);
            Assert.Equal(country, byName);
        });
    }
}
