using System.Buffers;

namespace Lookout.Visitors.Enrichment;

/// <summary>What a <c>User-Agent</c> header says about the visitor's device, browser and operating system.</summary>
/// <param name="Device">Desktop, mobile, tablet, or <see cref="DeviceFamily.Bot"/> for any bot.</param>
/// <param name="Browser">The browser brand; Chromium-based brands Lookout does not name are <see cref="BrowserFamily.Other"/>.</param>
/// <param name="Os">The operating system.</param>
/// <param name="IsBot">A crawler, monitoring tool, HTTP library, headless browser, or no user agent at all.</param>
public sealed record UserAgentInfo(DeviceFamily Device, BrowserFamily Browser, OsFamily Os, bool IsBot)
{
    // Real user agents are a few hundred characters; longer ones are read in part and not remembered.
    private const int MaxReadLength = 1024;
    private const int MaxCachedLength = 512;

    private static readonly BoundedCache<string, UserAgentInfo> Cache = new(capacity: 4096);

    private static readonly UserAgentInfo Missing = new(DeviceFamily.Bot, BrowserFamily.Other, OsFamily.Other, IsBot: true);

    /// <summary>
    /// Tokens only software sends. Browsers never say bot, crawl, spider or slurp, which catches Googlebot, bingbot,
    /// YandexBot, Baiduspider, DuckDuckBot, AhrefsBot, SemrushBot, Yahoo! Slurp and the long tail of crawlers.
    /// </summary>
    private static readonly SearchValues<string> BotTokens = SearchValues.Create(
        [
            "bot", "crawl", "spider", "slurp", "headless", "lighthouse", "phantomjs",
            "facebookexternalhit", "facebookcatalog", "mediapartners-google", "feedfetcher", "googleother",
            "google-inspectiontool", "bingpreview", "ia_archiver", "pingdom", "whatsapp/",
            "curl/", "wget/", "python-requests", "python-urllib", "python-httpx", "aiohttp", "go-http-client",
            "java/", "okhttp", "libwww-perl", "apache-httpclient", "axios/", "node-fetch", "undici", "scrapy",
            "postmanruntime", "wordpress/",
        ],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Classifies <paramref name="userAgent"/>; a missing or blank one is a bot.</summary>
    public static UserAgentInfo Parse(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return Missing;
        }
        if (userAgent.Length > MaxCachedLength)
        {
            return Classify(userAgent.AsSpan(0, Math.Min(userAgent.Length, MaxReadLength)));
        }
        return Cache.GetOrAdd(userAgent, static (ua, _) => Classify(ua), 0);
    }

    private static UserAgentInfo Classify(ReadOnlySpan<char> ua)
    {
        var os = ClassifyOs(ua);
        if (IsBotAgent(ua))
        {
            return new(DeviceFamily.Bot, ClassifyBrowser(ua, os), os, IsBot: true);
        }
        return new(ClassifyDevice(ua, os), ClassifyBrowser(ua, os), os, IsBot: false);
    }

    private static bool IsBotAgent(ReadOnlySpan<char> ua)
    {
        var start = 0;
        while (start < ua.Length)
        {
            var found = ua[start..].IndexOfAny(BotTokens);
            if (found < 0)
            {
                return false;
            }
            var at = start + found;
            // Cubot is a phone maker ("Android 10; CUBOT X30"), not a crawler.
            if (at < 2 || !ua[(at - 2)..].StartsWith("cubot", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            start = at + 3;
        }
        return false;
    }

    // Order matters: Edge, Opera, Samsung and Yandex all also say Chrome; Chrome (and everything on iOS) also says Safari.
    private static BrowserFamily ClassifyBrowser(ReadOnlySpan<char> ua, OsFamily os)
    {
        if (Has(ua, "Edg/") || Has(ua, "EdgA/") || Has(ua, "EdgiOS/") || Has(ua, "Edge/"))
        {
            return BrowserFamily.Edge;
        }
        if (Has(ua, "OPR/") || Has(ua, "OPT/") || Has(ua, "OPiOS/") || Has(ua, "Opera"))
        {
            return BrowserFamily.Opera;
        }
        if (Has(ua, "SamsungBrowser/"))
        {
            return BrowserFamily.SamsungInternet;
        }
        if (Has(ua, "YaBrowser/") || Has(ua, "YaSearchBrowser/"))
        {
            return BrowserFamily.YandexBrowser;
        }
        if (Has(ua, "MSIE ") || Has(ua, "Trident/"))
        {
            return BrowserFamily.InternetExplorer;
        }
        if (Has(ua, "Firefox/") || Has(ua, "FxiOS/"))
        {
            return BrowserFamily.Firefox;
        }
        if (Has(ua, "UCBrowser/") || Has(ua, "Vivaldi/") || Has(ua, "Whale/") || Has(ua, "MiuiBrowser/")
            || Has(ua, "HuaweiBrowser/") || Has(ua, "DuckDuckGo/") || Has(ua, "Silk/"))
        {
            return BrowserFamily.Other;
        }
        if (Has(ua, "CriOS/") || Has(ua, "Chrome/") || Has(ua, "Chromium/"))
        {
            return BrowserFamily.Chrome;
        }
        // In-app browsers on iOS (Facebook, Instagram) are WebKit without the Safari token.
        if (Has(ua, "Safari/") || (os == OsFamily.IOS && Has(ua, "AppleWebKit/")))
        {
            return BrowserFamily.Safari;
        }
        return BrowserFamily.Other;
    }

    // iOS and Android before macOS and Linux: "like Mac OS X" and "Linux; Android" are in their user agents.
    private static OsFamily ClassifyOs(ReadOnlySpan<char> ua)
    {
        if (Has(ua, "Windows Phone"))
        {
            return OsFamily.Other;
        }
        if (Has(ua, "Windows") || Has(ua, "Win64") || Has(ua, "WinNT"))
        {
            return OsFamily.Windows;
        }
        if (Has(ua, "iPhone") || Has(ua, "iPad") || Has(ua, "iPod"))
        {
            return OsFamily.IOS;
        }
        if (Has(ua, "CrOS"))
        {
            return OsFamily.ChromeOS;
        }
        if (Has(ua, "Android"))
        {
            return OsFamily.Android;
        }
        if (Has(ua, "Macintosh") || Has(ua, "Mac OS X"))
        {
            return OsFamily.MacOS;
        }
        if (Has(ua, "Linux") || Has(ua, "Ubuntu") || Has(ua, "Fedora"))
        {
            return OsFamily.Linux;
        }
        return OsFamily.Other;
    }

    private static DeviceFamily ClassifyDevice(ReadOnlySpan<char> ua, OsFamily os)
    {
        if (Has(ua, "iPad") || Has(ua, "Kindle") || Has(ua, "Silk/") || Has(ua, "PlayBook")
            || (Has(ua, "Tablet") && !Has(ua, "Tablet PC")))
        {
            return DeviceFamily.Tablet;
        }
        if (Has(ua, "Mobi") || Has(ua, "iPhone") || Has(ua, "iPod") || Has(ua, "Windows Phone") || Has(ua, "Opera Mini")
            || Has(ua, "BlackBerry") || Has(ua, "IEMobile"))
        {
            return DeviceFamily.Mobile;
        }
        // Android phones say "Mobile"; Android tablets leave it out.
        return os switch
        {
            OsFamily.Android => DeviceFamily.Tablet,
            OsFamily.Windows or OsFamily.MacOS or OsFamily.Linux or OsFamily.ChromeOS => DeviceFamily.Desktop,
            _ => DeviceFamily.Unknown,
        };
    }

    private static bool Has(ReadOnlySpan<char> ua, string token) => ua.Contains(token, StringComparison.Ordinal);
}
