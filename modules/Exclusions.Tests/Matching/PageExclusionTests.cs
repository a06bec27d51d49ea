using Lookout.Exclusions.Matching;
using static Lookout.Exclusions.Tests.Support.Rules;

namespace Lookout.Exclusions.Tests.Matching;

public sealed class PageExclusionTests
{
    [Theory]
    [InlineData("/support/faq.htm")]
    [InlineData("https://shop.example.com/support/faq.htm")]
    [InlineData("https://shop.example.com/support/billing/invoices.html?page=2")]
    [InlineData("/SUPPORT/FAQ.HTM")]
    public void A_folder_pattern_leaves_out_every_page_in_the_folder(string url) =>
        Assert.True(Excludes(ExclusionKind.Page, "support/*.*", PageView(url)));

    [Theory]
    [InlineData("/supports.htm")]
    [InlineData("/support/readme")]
    [InlineData("/help/support/faq.htm")]
    public void A_folder_pattern_keeps_pages_outside_the_folder(string url) =>
        Assert.False(Excludes(ExclusionKind.Page, "support/*.*", PageView(url)));

    [Theory]
    [InlineData("/hidden.htm", true)]
    [InlineData("https://shop.example.com/hidden-offers.htm?ref=mail", true)]
    [InlineData("/Hidden2.HTM#top", true)]
    [InlineData("/hidden.html", false)]
    [InlineData("/docs/hidden.htm", false)]
    [InlineData("/visible.htm?next=hidden.htm", false)]
    public void A_name_pattern_leaves_out_pages_whose_name_starts_that_way(string url, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Page, "hidden*.htm", PageView(url)));

    [Theory]
    [InlineData("/landing?campaign=7&source=adwords", true)]
    [InlineData("https://shop.example.com/?source=adwords", true)]
    [InlineData("/landing?source=adwords&campaign=7", false)]
    [InlineData("/landing", false)]
    public void A_pattern_can_match_the_query_string(string url, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Page, "*source=adwords", PageView(url)));

    [Theory]
    [InlineData("/page1.htm", true)]
    [InlineData("/pageX.htm", true)]
    [InlineData("/page12.htm", false)]
    [InlineData("/page.htm", false)]
    public void A_question_mark_stands_for_exactly_one_character(string url, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Page, "/page?.htm", PageView(url)));

    [Theory]
    [InlineData("/checkout/pay.htm", true)]
    [InlineData("/thanks.htm", true)]
    [InlineData("/cart.htm", false)]
    public void Entries_separated_by_semicolons_each_leave_pages_out(string url, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Page, "checkout/* ; /thanks.htm", PageView(url)));

    [Theory]
    [InlineData("https://staging.example.com/anything?x=1", true)]
    [InlineData("http://staging.example.com/", false)]
    [InlineData("https://www.example.com/staging.example.com/", false)]
    [InlineData("/anything", false)]
    public void An_entry_starting_with_a_scheme_matches_the_whole_url(string url, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Page, "https://staging.example.com/*", PageView(url)));

    [Theory]
    [InlineData("https://shop.example.com", true)]
    [InlineData("https://shop.example.com/", true)]
    [InlineData("/", true)]
    [InlineData("/index.htm", false)]
    public void A_slash_alone_leaves_out_the_home_page(string url, bool excluded) =>
        Assert.Equal(excluded, Excludes(ExclusionKind.Page, "/", PageView(url)));

    [Fact]
    public void A_page_view_without_a_url_is_not_left_out_by_page_exclusions() =>
        Assert.False(Excludes(ExclusionKind.Page, "*", PageView(url: null, ip: "10.0.0.1")));
}
