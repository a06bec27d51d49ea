using Lookout.Visitors.Enrichment;

namespace Lookout.Visitors.Tests.Enrichment;

public sealed class UserAgentInfoTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", BrowserFamily.Chrome, OsFamily.Windows)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", BrowserFamily.Edge, OsFamily.Windows)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", BrowserFamily.Firefox, OsFamily.Windows)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0", BrowserFamily.Opera, OsFamily.Windows)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 YaBrowser/24.10.0.0 Safari/537.36", BrowserFamily.YandexBrowser, OsFamily.Windows)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko", BrowserFamily.InternetExplorer, OsFamily.Windows)]
    [InlineData("Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0; SLCC2; .NET CLR 2.0.50727; Media Center PC 6.0; Tablet PC 2.0)", BrowserFamily.InternetExplorer, OsFamily.Windows)]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", BrowserFamily.Safari, OsFamily.MacOS)]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", BrowserFamily.Chrome, OsFamily.MacOS)]
    [InlineData("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", BrowserFamily.Firefox, OsFamily.Linux)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", BrowserFamily.Chrome, OsFamily.Linux)]
    [InlineData("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", BrowserFamily.Chrome, OsFamily.ChromeOS)]
    public void Desktop_browsers_are_told_apart(string userAgent, BrowserFamily browser, OsFamily os)
    {
        Assert.Equal(new UserAgentInfo(DeviceFamily.Desktop, browser, os, IsBot: false), UserAgentInfo.Parse(userAgent));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", BrowserFamily.Safari, OsFamily.IOS)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1", BrowserFamily.Chrome, OsFamily.IOS)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/132.0 Mobile/15E148 Safari/605.1.15", BrowserFamily.Firefox, OsFamily.IOS)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/131.2903.68 Mobile/15E148 Safari/605.1.15", BrowserFamily.Edge, OsFamily.IOS)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/485.0.0.38.107;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.6.1;FBLC/en_US]", BrowserFamily.Safari, OsFamily.IOS)]
    [InlineData("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", BrowserFamily.Chrome, OsFamily.Android)]
    [InlineData("Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36", BrowserFamily.SamsungInternet, OsFamily.Android)]
    [InlineData("Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0", BrowserFamily.Firefox, OsFamily.Android)]
    [InlineData("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.0.0", BrowserFamily.Edge, OsFamily.Android)]
    [InlineData("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36 OPR/86.0.0.0", BrowserFamily.Opera, OsFamily.Android)]
    [InlineData("Mozilla/5.0 (Linux; Android 12; SM-A515F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 YaBrowser/24.7.1.89.00 SA/3 Mobile Safari/537.36", BrowserFamily.YandexBrowser, OsFamily.Android)]
    [InlineData("Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36", BrowserFamily.Chrome, OsFamily.Android)]
    public void Phones_are_mobile_devices(string userAgent, BrowserFamily browser, OsFamily os)
    {
        Assert.Equal(new UserAgentInfo(DeviceFamily.Mobile, browser, os, IsBot: false), UserAgentInfo.Parse(userAgent));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Mobile/15E148 Safari/604.1", BrowserFamily.Safari, OsFamily.IOS)]
    [InlineData("Mozilla/5.0 (Linux; Android 13; SM-X706B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", BrowserFamily.Chrome, OsFamily.Android)]
    [InlineData("Mozilla/5.0 (Android 14; Tablet; rv:133.0) Gecko/133.0 Firefox/133.0", BrowserFamily.Firefox, OsFamily.Android)]
    [InlineData("Mozilla/5.0 (Linux; Android 9; KFMAWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/130.3.1 like Chrome/130.0.6723.102 Safari/537.36", BrowserFamily.Other, OsFamily.Android)]
    public void Tablets_are_tablets(string userAgent, BrowserFamily browser, OsFamily os)
    {
        Assert.Equal(new UserAgentInfo(DeviceFamily.Tablet, browser, os, IsBot: false), UserAgentInfo.Parse(userAgent));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)")]
    [InlineData("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)")]
    [InlineData("Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)")]
    [InlineData("DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)")]
    [InlineData("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)")]
    [InlineData("Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)")]
    [InlineData("Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)")]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.33 Safari/537.36")]
    [InlineData("curl/8.5.0")]
    [InlineData("Wget/1.21.4")]
    [InlineData("python-requests/2.32.3")]
    [InlineData("Go-http-client/1.1")]
    [InlineData("Mozilla/5.0 (compatible; ExampleCrawler/1.0; +https://crawler.example)")]
    [InlineData("ShopSpider/2.0")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Crawlers_tools_and_missing_user_agents_are_bots(string? userAgent)
    {
        var info = UserAgentInfo.Parse(userAgent);

        Assert.True(info.IsBot);
        Assert.Equal(DeviceFamily.Bot, info.Device);
    }

    [Fact]
    public void An_unknown_client_is_not_a_bot_but_has_no_known_families()
    {
        Assert.Equal(new UserAgentInfo(DeviceFamily.Unknown, BrowserFamily.Other, OsFamily.Other, IsBot: false), UserAgentInfo.Parse("ShopApp/4.2 (build 17)"));
    }

    [Fact]
    public void A_repeated_user_agent_is_answered_from_the_cache()
    {
        const string userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";

        Assert.Same(UserAgentInfo.Parse(userAgent), UserAgentInfo.Parse(new string(userAgent.AsSpan())));
    }

    [Fact]
    public void A_huge_user_agent_is_classified_from_its_start()
    {
        var huge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 " + new string('x', 100_000) + " bot";

        Assert.Equal(new UserAgentInfo(DeviceFamily.Desktop, BrowserFamily.Chrome, OsFamily.Windows, IsBot: false), UserAgentInfo.Parse(huge));
    }

    [Fact]
    public void Families_have_the_names_operators_see()
    {
        Assert.Equal("Samsung Internet", BrowserFamily.SamsungInternet.DisplayName());
        Assert.Equal("Yandex Browser", BrowserFamily.YandexBrowser.DisplayName());
        Assert.Equal("IE", BrowserFamily.InternetExplorer.DisplayName());
        Assert.Equal("macOS", OsFamily.MacOS.DisplayName());
        Assert.Equal("iOS", OsFamily.IOS.DisplayName());
        Assert.Equal("Tablet", DeviceFamily.Tablet.DisplayName());
    }
}
