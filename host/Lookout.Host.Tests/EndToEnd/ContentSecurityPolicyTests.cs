using Lookout.Host.Testing;
using Microsoft.Playwright;

namespace Lookout.Host.Tests.EndToEnd;

/// <summary>
/// The admin SPA, the demo shop and the Orleans Dashboard each run under their Content-Security-Policy in Chromium
/// without the browser refusing anything they need.
/// </summary>
public sealed class ContentSecurityPolicyTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];
    private LookoutApp _app = null!;

    public async Task InitializeAsync() => _app = await LookoutApp.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_SPA_logs_no_policy_violation_while_signing_in_and_opening_pages()
    {
        var (page, violations) = await OpenAsync();
        var index = await page.GotoAsync("/");
        Assert.Contains("script-src 'self';", await index!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);

        await page.SignInAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sites" }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Live visitors" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Live visitors" }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Contacts" }).ClickAsync();
        await page.WaitForURLAsync("**/contacts");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(await violations());
        // The policy is enforced and a refusal would be seen: an injected inline script does not run and is reported.
        await Assert.ThrowsAnyAsync<PlaywrightException>(() => page.AddScriptTagAsync(new() { Content = "window.__injected = 1" }));
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__injected ?? null"));
        Assert.Contains(await violations(), v => v.StartsWith("script-src-elem refused inline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_demo_shop_s_inline_scripts_run_and_nothing_else_is_refused()
    {
        var (page, violations) = await OpenAsync();

        await page.GotoAsync("/demo/products");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lamp" }).ClickAsync();

        Assert.Equal("Products: lamp", await page.TitleAsync());
        Assert.Equal("function", await page.EvaluateAsync<string>("() => typeof window.lookout"));
        Assert.Empty(await violations());
    }

    [Fact]
    public async Task The_Orleans_Dashboard_draws_its_page_for_an_installation_owner_with_no_violation()
    {
        var (page, violations) = await OpenAsync();
        await page.SignInAsync();

        await page.GotoAsync("/admin/orleans/");
        await page.Locator("#menu a").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(await violations());
    }

    /// <summary>
    /// A new page and what it has refused so far: the policy violation events of the page (recorded by a script the
    /// browser runs outside the page's policy) and the console's messages about the policy.
    /// </summary>
    private async Task<(IPage Page, Func<Task<IReadOnlyList<string>>> Violations)> OpenAsync()
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseAddress.ToString() });
        _contexts.Add(context);
        await context.AddInitScriptAsync("""
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', e =>
              window.__violations.push(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'} at ${e.documentURI}`));
            """);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (console)
                {
                    console.Add(message.Text);
                }
            }
        };
        return (page, async () =>
        {
            var events = await page.EvaluateAsync<string[]>("() => window.__violations");
            lock (console)
            {
                return [.. events, .. console];
            }
        });
    }
}
