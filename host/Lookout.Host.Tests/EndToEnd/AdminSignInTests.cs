using System.Net;
using Lookout.Host.Testing;
using Microsoft.Playwright;

namespace Lookout.Host.Tests.EndToEnd;

public sealed class AdminSignInTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private LookoutApp _app = null!;

    public async Task InitializeAsync() => _app = await LookoutApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Admin_signs_in_through_the_SPA_and_creates_a_site_with_its_tracking_snippet()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync(LookoutApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(LookoutApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Sites" }).WaitForAsync();
        Assert.Equal("My workspace", await page.GetByLabel("Workspace").Locator("option:checked").InnerTextAsync());
        await page.GetByRole(AriaRole.Cell, new() { Name = "My site", Exact = true }).WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "New site" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Shop <b>bold</b>");
        await page.GetByLabel("Allowed origins").FillAsync("https://shop.example.com\n\nhttps://www.shop.example.com/");
        await page.GetByLabel("Time zone").FillAsync("Europe/Paris");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var snippet = page.GetByRole(AriaRole.Textbox, new() { Name = "Tracking snippet" });
        await snippet.WaitForAsync();
        var text = await snippet.InputValueAsync();
        Assert.Matches("<script async src=\"http://127\\.0\\.0\\.1:\\d+/lookout\\.js\" data-site=\"[a-z0-9]{20}\"></script>", text);
        // Stored as text, shown as text: the markup in the name is never rendered.
        await page.GetByRole(AriaRole.Cell, new() { Name = "Shop <b>bold</b>", Exact = true }).WaitForAsync();
        Assert.Equal(0, await page.Locator("td b").CountAsync());

        using var api = await _app.SignInAsAdminAsync();
        var sites = await ApiClient.ReadAsync(await api.GetAsync("/api/workspaces/sites"), HttpStatusCode.OK);
        var created = sites.AsArray().Single(s => s!["name"]!.GetValue<string>() == "Shop <b>bold</b>")!;
        Assert.Equal(["https://shop.example.com", "https://www.shop.example.com"], created["allowedOrigins"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal("Europe/Paris", created["timeZone"]!.GetValue<string>());
        Assert.Contains(created["siteKey"]!.GetValue<string>(), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_on_the_login_page()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/sites");
        await page.GetByLabel("Email").FillAsync(LookoutApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByText("Invalid email or password").WaitForAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Heading, new() { Name = "Sites" }).CountAsync());
    }
}
