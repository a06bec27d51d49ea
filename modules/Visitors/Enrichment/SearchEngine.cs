namespace Lookout.Visitors.Enrichment;

/// <summary>
/// One search engine of <see cref="SearchReferrer"/>'s list: the hosts its result pages live on and the query
/// parameters that carry the search terms, most specific first.
/// </summary>
/// <remarks>
/// A host is matched after a leading <c>www.</c> is dropped. <c>google.{cc}</c> stands for every country domain
/// (<c>google.de</c>, <c>google.co.uk</c>, <c>google.com.br</c>); <c>*.search.yahoo.com</c> for one more label in
/// front (<c>uk.search.yahoo.com</c>).
/// </remarks>
internal sealed class SearchEngine(string name, string[] parameters, params string[] hosts)
{
    public string Name { get; } = name;

    public string[] Parameters { get; } = parameters;

    public string[] Hosts { get; } = hosts;

    /// <summary>Shared by every keyword-less referral from this engine, so those cost no allocation.</summary>
    public SearchReferral WithoutKeywords { get; } = new(name, null);

    /// <summary>The project's list. Yahoo Japan is its own company and index, hence its own name.</summary>
    public static readonly SearchEngine[] All =
    [
        new("Google", ["q"], "google.{cc}", "encrypted.google.com"),
        new("Bing", ["q"], "bing.com", "cn.bing.com"),
        new("Yahoo", ["p"], "search.yahoo.com", "*.search.yahoo.com"),
        new("Yahoo Japan", ["p"], "search.yahoo.co.jp"),
        new("DuckDuckGo", ["q"], "duckduckgo.com", "html.duckduckgo.com", "lite.duckduckgo.com"),
        new("Yandex", ["text"], "yandex.{cc}", "ya.ru"),
        new("Baidu", ["wd", "word"], "baidu.com", "m.baidu.com", "wap.baidu.com"),
        new("Ecosia", ["q"], "ecosia.org"),
        new("Naver", ["query"], "search.naver.com", "m.search.naver.com"),
        new("Seznam", ["q"], "search.seznam.cz", "seznam.cz"),
        new("Qwant", ["q"], "qwant.com", "lite.qwant.com"),
        new("Startpage", ["query", "q"], "startpage.com", "*.startpage.com"),
        new("Brave", ["q"], "search.brave.com"),
        new("Ask", ["q"], "ask.com", "search.ask.com"),
        new("AOL", ["q", "query"], "search.aol.com"),
        new("Sogou", ["query", "keyword"], "sogou.com", "m.sogou.com"),
        new("360 Search", ["q"], "so.com", "m.so.com"),
        new("Daum", ["q"], "search.daum.net"),
        new("Mojeek", ["q"], "mojeek.com"),
    ];

    /// <summary>Search apps that send <c>android-app://&lt;package&gt;/</c> as the referrer.</summary>
    public static readonly (string Package, string Engine)[] AndroidApps =
    [
        ("com.google.android.googlequicksearchbox", "Google"),
        ("ru.yandex.searchplugin", "Yandex"),
        ("com.baidu.searchbox", "Baidu"),
    ];
}
