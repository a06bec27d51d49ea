using Lookout.Visitors.Enrichment;

namespace Lookout.Visitors.Tests.Enrichment;

public sealed class SearchReferrerTests
{
    [Theory]
    [InlineData("https://www.google.com/search?q=lookout+visitor+alerts&oq=lookout+visitor+alerts&gs_lcrp=EgZjaHJvbWUyBggAEEUYOdIBCDMxMjdqMGo3qAIAsAIA&sourceid=chrome&ie=UTF-8", "Google", "lookout visitor alerts")]
    [InlineData("https://www.google.com.br/search?q=alerta+de+visitantes&source=hp&ei=x1", "Google", "alerta de visitantes")]
    [InlineData("https://www.google.de/search?q=besucher+%C3%BCberwachung&hl=de", "Google", "besucher überwachung")]
    [InlineData("https://www.google.co.jp/search?q=%E8%A8%AA%E5%95%8F%E8%80%85+%E9%80%9A%E7%9F%A5&ie=UTF-8", "Google", "訪問者 通知")]
    [InlineData("https://www.bing.com/search?q=crm+lead+alerts&form=QBLH&sp=-1&pq=crm+lead+alerts&sc=8-15&qs=n&cvid=5B1D2A9F", "Bing", "crm lead alerts")]
    [InlineData("https://search.yahoo.com/search;_ylt=AwrFGm5xZ2VlBgQAyQ5XNyoA;_ylc=X1MDMjc2NjY3OQRfcgMy?p=website+visitor+tracking&fr=sfp&fr2=p%3As%2Cv%3Asfp%2Cm%3Asb-top&iscqry=", "Yahoo", "website visitor tracking")]
    [InlineData("https://uk.search.yahoo.com/search?p=visitor+alerts&fr=yfp-t&ei=UTF-8", "Yahoo", "visitor alerts")]
    [InlineData("https://search.yahoo.co.jp/search?p=%E6%9D%B1%E4%BA%AC+%E5%A4%A9%E6%B0%97&ei=UTF-8&fr=top_ga1_sa", "Yahoo Japan", "東京 天気")]
    [InlineData("https://duckduckgo.com/?q=privacy+friendly+analytics&t=h_&ia=web", "DuckDuckGo", "privacy friendly analytics")]
    [InlineData("https://yandex.ru/search/?text=%D0%BA%D1%83%D0%BF%D0%B8%D1%82%D1%8C+%D0%B4%D0%B8%D0%B2%D0%B0%D0%BD&lr=213", "Yandex", "купить диван")]
    [InlineData("https://yandex.com.tr/search/?text=ucuz+u%C3%A7ak+bileti&lr=11508", "Yandex", "ucuz uçak bileti")]
    [InlineData("https://www.baidu.com/s?wd=%E7%BD%91%E7%AB%99%E8%AE%BF%E5%AE%A2&rsv_spt=1&issp=1&f=8&rsv_bp=1", "Baidu", "网站访客")]
    [InlineData("https://m.baidu.com/s?word=%E5%9C%A8%E7%BA%BF%E5%AE%A2%E6%9C%8D&sa=ib", "Baidu", "在线客服")]
    [InlineData("https://www.ecosia.org/search?method=index&q=green+web+hosting", "Ecosia", "green web hosting")]
    [InlineData("https://search.naver.com/search.naver?where=nexearch&sm=top_hty&fbm=0&ie=utf8&query=%EB%B0%A9%EB%AC%B8%EC%9E%90+%EB%B6%84%EC%84%9D", "Naver", "방문자 분석")]
    [InlineData("https://search.seznam.cz/?q=n%C3%A1v%C5%A1t%C4%9Bvnost+webu&oq=n%C3%A1v%C5%A1t%C4%9Bvnost&aq=-1", "Seznam", "návštěvnost webu")]
    [InlineData("https://www.qwant.com/?q=suivi+des+visiteurs&t=web", "Qwant", "suivi des visiteurs")]
    [InlineData("https://www.startpage.com/sp/search?query=live+chat+software&cat=web&pl=ext-ff&language=english", "Startpage", "live chat software")]
    public void Search_engine_and_keywords_are_read_from_a_results_page_referrer(string referrer, string engine, string keywords)
    {
        Assert.Equal(new SearchReferral(engine, keywords), SearchReferrer.Parse(referrer));
    }

    [Theory]
    [InlineData("https://www.google.com/", "Google")]
    [InlineData("https://www.google.co.uk/", "Google")]
    [InlineData("https://www.google.com/url?sa=t&rct=j&q=&esrc=s&source=web&cd=&ved=2ahUKEwi&url=https%3A%2F%2Fshop.example.com%2F&usg=AOvVaw0", "Google")]
    [InlineData("android-app://com.google.android.googlequicksearchbox/", "Google")]
    [InlineData("https://www.bing.com/", "Bing")]
    [InlineData("https://r.search.yahoo.com/_ylt=Awr9;_ylu=Y29sbwNiZjEEcG9z/RV=2/RE=1700000000/RO=10/RU=https%3a%2f%2fshop.example.com%2f/RK=2/RS=abc-", "Yahoo")]
    [InlineData("https://duckduckgo.com/", "DuckDuckGo")]
    [InlineData("https://yandex.ru/", "Yandex")]
    [InlineData("https://www.baidu.com/link?url=4vNHVcWd3Rz&wd=&eqid=d0e55c3a0001", "Baidu")]
    [InlineData("https://www.ecosia.org/", "Ecosia")]
    [InlineData("https://www.startpage.com/", "Startpage")]
    [InlineData("https://search.yahoo.co.jp/", "Yahoo Japan")]
    public void A_search_engine_that_sends_no_keywords_still_names_the_engine(string referrer, string engine)
    {
        Assert.Equal(new SearchReferral(engine, null), SearchReferrer.Parse(referrer));
    }

    [Theory]
    [InlineData("https://www.google.com/search?q=%20%20lead%09%0Aalerts%20%20+%20now++&hl=en", "lead alerts now")]
    [InlineData("https://www.google.com/search?q=100%25+sure+%2B+fast", "100% sure + fast")]
    [InlineData("https://www.google.com/search?q=50%+off+%zz", "50% off %zz")]
    [InlineData("https://www.google.com/search?q=caf%E9+bad+utf8", "caf\uFFFD bad utf8")]
    [InlineData("https://www.google.com/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "<script>alert(1)</script>")]
    [InlineData("https://www.google.com/search?q=raw+кириллица", "raw кириллица")]
    [InlineData("https://search.yahoo.co.jp/search?p=%E8%A8%AA%E5%95%8F%E8%80%85%E3%80%80%E9%80%9A%E7%9F%A5", "訪問者 通知")]
    [InlineData("HTTPS://WWW.GOOGLE.COM/search?q=Mixed+Case", "Mixed Case")]
    [InlineData("https://user@www.google.com.:443/search?q=port+and+dot#top", "port and dot")]
    [InlineData("https://www.google.com/webhp#q=in+the+fragment", "in the fragment")]
    public void Keywords_are_decoded_trimmed_and_collapsed(string referrer, string keywords)
    {
        Assert.Equal(keywords, SearchReferrer.Parse(referrer)?.Keywords);
    }

    [Fact]
    public void Keywords_are_cut_at_200_characters_without_splitting_a_character()
    {
        var longSearch = SearchReferrer.Parse("https://www.bing.com/search?q=" + new string('a', 500));
        var emojiAtTheCut = SearchReferrer.Parse("https://www.bing.com/search?q=" + new string('a', 199) + "%F0%9F%98%80tail");

        Assert.Equal(new string('a', 200), longSearch?.Keywords);
        Assert.Equal(new string('a', 199), emojiAtTheCut?.Keywords);
    }

    [Theory]
    [InlineData("https://shop.example.com/search?q=shoes")]
    [InlineData("https://news.google.com/articles/CBMi?hl=en")]
    [InlineData("https://mail.google.com/mail/u/0/")]
    [InlineData("https://google.evil.example/search?q=phish")]
    [InlineData("https://www.google.com.evil.io/search?q=phish")]
    [InlineData("https://notgoogle.com/search?q=phish")]
    [InlineData("https://www.google.org/")]
    [InlineData("https://mail.yandex.ru/")]
    [InlineData("https://www.facebook.com/")]
    [InlineData("android-app://com.google.android.gm/")]
    [InlineData("ftp://www.google.com/search?q=files")]
    public void A_referrer_that_is_not_a_search_engine_gives_nothing(string referrer)
    {
        Assert.Null(SearchReferrer.Parse(referrer));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a url")]
    [InlineData("https://")]
    [InlineData("://www.google.com/search?q=x")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://[::1]/search?q=x")]
    [InlineData("https://goo gle.com/search?q=x")]
    [InlineData("https://www.google.com")]
    [InlineData("https://www.google.com?q")]
    [InlineData("https://www.google.com/search?q=%")]
    [InlineData("https://www.google.com/search?&&=&q")]
    public void A_malformed_referrer_never_throws(string? referrer)
    {
        var referral = SearchReferrer.Parse(referrer);

        Assert.True(referral is null || referral.Engine == "Google");
    }

    [Fact]
    public void Random_and_huge_referrers_never_throw()
    {
        var random = new Random(3);
        const string alphabet = "htps:/wgogle.cm?q=&%+#@[]:\\ .ä€\u0000\uD800";
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(0, 120)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = alphabet[random.Next(alphabet.Length)];
            }
            var prefix = random.Next(3) == 0 ? "https://www.google.com/search?q=" : "";
            SearchReferrer.Parse(prefix + new string(chars));
        }

        var huge = SearchReferrer.Parse("https://www.google.com/search?q=" + string.Concat(Enumerable.Repeat("%E2%82%AC", 400_000)));

        Assert.Equal(new string('€', 200), huge?.Keywords);
    }
}
