namespace Lookout.Plugins.Popups.Tests;

/// <summary>The SDK's <see cref="Popup"/>: what it accepts, so that the admin app only ever gets a safe popup.</summary>
public sealed class PopupTests
{
    [Theory]
    [InlineData("https://crm.example.com/leads/42")]
    [InlineData("http://intranet.example/lead?id=42")]
    [InlineData("/visitors/site-1/visitor-2")]
    public void A_link_is_an_http_url_or_a_path_of_the_admin_app(string link)
    {
        Assert.Equal(link, new Popup("Title", "Text", link: link).Link);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("//evil.example/path")]
    [InlineData("/\\evil.example")]
    [InlineData("ftp://example.com/file")]
    [InlineData("visitors")]
    [InlineData("https://example.com/\nSet-Cookie: x")]
    [InlineData("")]
    public void Any_other_link_is_refused(string link)
    {
        Assert.False(Popup.IsLink(link));
        Assert.Throws<ArgumentException>(() => new Popup("Title", "Text", link: link));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("two\nlines")]
    public void A_title_is_one_line_of_text(string title)
    {
        Assert.Throws<ArgumentException>(() => new Popup(title, "Text"));
    }

    [Fact]
    public void Title_and_text_have_a_length_limit()
    {
        Assert.Throws<ArgumentException>(() => new Popup(new string('x', Popup.MaxTitleLength + 1), ""));
        Assert.Throws<ArgumentException>(() => new Popup("Title", new string('x', Popup.MaxTextLength + 1)));
        Assert.Equal(Popup.MaxTitleLength, new Popup(new string('x', Popup.MaxTitleLength), new string('x', Popup.MaxTextLength)).Title.Length);
    }
}
