namespace Lookout.Visitors.Enrichment;

/// <summary>What kind of device a user agent runs on.</summary>
public enum DeviceFamily
{
    Unknown,
    Desktop,
    Mobile,
    Tablet,
    Bot,
}

/// <summary>The browsers Lookout tells apart; every other one is <see cref="Other"/>.</summary>
public enum BrowserFamily
{
    Other,
    Chrome,
    Edge,
    Firefox,
    Safari,
    Opera,
    SamsungInternet,
    YandexBrowser,
    InternetExplorer,
}

/// <summary>The operating systems Lookout tells apart; every other one is <see cref="Other"/>.</summary>
public enum OsFamily
{
    Other,
    Windows,
    MacOS,
    IOS,
    Android,
    Linux,
    ChromeOS,
}

/// <summary>The names operators see for each family (<c>Samsung Internet</c>, <c>macOS</c>).</summary>
public static class UserAgentFamilyNames
{
    public static string DisplayName(this DeviceFamily device) => device switch
    {
        DeviceFamily.Desktop => "Desktop",
        DeviceFamily.Mobile => "Mobile",
        DeviceFamily.Tablet => "Tablet",
        DeviceFamily.Bot => "Bot",
        _ => "Unknown",
    };

    public static string DisplayName(this BrowserFamily browser) => browser switch
    {
        BrowserFamily.Chrome => "Chrome",
        BrowserFamily.Edge => "Edge",
        BrowserFamily.Firefox => "Firefox",
        BrowserFamily.Safari => "Safari",
        BrowserFamily.Opera => "Opera",
        BrowserFamily.SamsungInternet => "Samsung Internet",
        BrowserFamily.YandexBrowser => "Yandex Browser",
        BrowserFamily.InternetExplorer => "IE",
        _ => "Other",
    };

    public static string DisplayName(this OsFamily os) => os switch
    {
        OsFamily.Windows => "Windows",
        OsFamily.MacOS => "macOS",
        OsFamily.IOS => "iOS",
        OsFamily.Android => "Android",
        OsFamily.Linux => "Linux",
        OsFamily.ChromeOS => "ChromeOS",
        _ => "Other",
    };
}
