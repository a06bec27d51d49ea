using Microsoft.Playwright;

namespace Lookout.Visitors.Tracker.Tests.Support;

/// <summary>One visitor: a fresh browser context (its own storage and cookies) with one page.</summary>
public sealed class Visit : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private Visit(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    public List<string> PageErrors { get; } = [];

    public List<string> ConsoleMessages { get; } = [];

    /// <param name="initScript">Runs in every document before its own scripts, e.g. to turn on Do Not Track.</param>
    public static async Task<Visit> StartAsync(Chromium chromium, string? initScript = null)
    {
        var context = await chromium.Browser.NewContextAsync();
        if (initScript is not null)
        {
            await context.AddInitScriptAsync(initScript);
        }
        var visit = new Visit(context, await context.NewPageAsync());
        visit.Page.PageError += (_, error) => visit.PageErrors.Add(error);
        visit.Page.Console += (_, message) => visit.ConsoleMessages.Add(message.Text);
        return visit;
    }

    public async Task OpenAsync(string url)
    {
        await Page.GotoAsync(url);
        await Page.WaitForFunctionAsync("() => window.lookout && window.lookout.ready");
    }

    public Task CallAsync(string script) => Page.EvaluateAsync("() => { " + script + " }");

    public Task<string?> StoredVisitorIdAsync() => Page.EvaluateAsync<string?>("() => localStorage.getItem('lookout_vid')");

    public async Task<BrowserContextCookiesResult?> VisitorCookieAsync() =>
        (await _context.CookiesAsync()).FirstOrDefault(c => c.Name == "lookout_vid");

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
