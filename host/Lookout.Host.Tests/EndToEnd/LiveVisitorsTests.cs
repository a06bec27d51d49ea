using Lookout.Host.Testing;
using Microsoft.Playwright;

namespace Lookout.Host.Tests.EndToEnd;

/// <summary>A visitor browses the demo shop in one browser; an operator watches the live view in another.</summary>
public sealed class LiveVisitorsTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private LookoutApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await LookoutApp.StartAsync(settings: new Dictionary<string, string?> { ["Demo:HeartbeatMs"] = "300" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_visitor_on_the_demo_site_shows_in_the_operators_live_view_and_becomes_a_lead()
    {
        await using var operatorContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseAddress.ToString() });
        var operatorPage = await operatorContext.NewPageAsync();
        await operatorPage.SignInAsync();
        await operatorPage.GetByRole(AriaRole.Link, new() { Name = "Live visitors" }).ClickAsync();
        await operatorPage.GetByRole(AriaRole.Heading, new() { Name = "Live visitors" }).WaitForAsync();

        // Headless Chromium says so in its user agent, and bots are not tracked: the visitor looks like a person's browser.
        await using var visitorContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseAddress.ToString(),
            UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        });
        var visitorPage = await visitorContext.NewPageAsync();
        await visitorPage.GotoAsync("/demo/");
        await visitorPage.GetByRole(AriaRole.Link, new() { Name = "Products" }).ClickAsync();
        await visitorPage.GetByRole(AriaRole.Button, new() { Name = "Lamp" }).ClickAsync(); // a single-page-app navigation

        // Pushed over SignalR: the row appears within 2 s, on the page the visitor is on now.
        var row = operatorPage.GetByRole(AriaRole.Row).Filter(new() { HasText = "Products: lamp" });
        await row.WaitForAsync(new() { Timeout = 2_000 });
        Assert.Contains("/demo/products/lamp", await row.InnerTextAsync(), StringComparison.Ordinal);
        var dwellBefore = await row.GetByRole(AriaRole.Cell).Nth(4).InnerTextAsync();

        // Kept open past two heartbeats: still there, on the same page, its dwell grown.
        await visitorPage.WaitForTimeoutAsync(2_000);
        Assert.Equal(1, await operatorPage.GetByRole(AriaRole.Row).Filter(new() { HasText = "Products: lamp" }).CountAsync());
        Assert.NotEqual(dwellBefore, await row.GetByRole(AriaRole.Cell).Nth(4).InnerTextAsync());

        await visitorPage.GetByRole(AriaRole.Link, new() { Name = "Contact" }).ClickAsync();
        await visitorPage.GetByLabel("Name").FillAsync("Ana Lima");
        await visitorPage.GetByLabel("Email").FillAsync("ana@example.com");
        await visitorPage.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var leadRow = operatorPage.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ana Lima" });
        await leadRow.WaitForAsync(new() { Timeout = 5_000 });
        Assert.Contains("Admin", await leadRow.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_page_titles_and_urls_show_as_text_and_never_run()
    {
        const string Hostile = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
        using var admin = await _app.SignInAsAdminAsync();
        var siteKey = (await ApiClient.ReadAsync(await admin.GetAsync("/api/workspaces/sites"), System.Net.HttpStatusCode.OK))[0]!["siteKey"]!.GetValue<string>();
        using var browser = new HttpClient { BaseAddress = _app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/collect")
        {
            Content = new StringContent(
                $$"""{"site":"{{siteKey}}","visitor":"hostile-visitor-000000","events":[{"type":"pageview","pageId":"hostile-page-1","url":"https://shop.example.com/?q=<svg/onload=alert(1)>","title":{{System.Text.Json.JsonSerializer.Serialize(Hostile)}},"referrer":"https://evil.example/<script>alert(3)</script>"},{"type":"identify","name":{{System.Text.Json.JsonSerializer.Serialize(Hostile)}}}]}""",
                System.Text.Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", _app.BaseAddress.GetLeftPart(UriPartial.Authority));
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
        (await browser.SendAsync(request)).EnsureSuccessStatusCode();

        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };
        await page.SignInAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Live visitors" }).ClickAsync();

        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "<script>window.__pwned=2</script>" }).First.WaitForAsync();
        Assert.Equal(0, dialogs);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        Assert.Equal(0, await page.Locator("main img[src=x], main svg").CountAsync());
    }
}
