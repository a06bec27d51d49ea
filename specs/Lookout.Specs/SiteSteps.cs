using System.Net;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;

namespace Lookout.Specs;

/// <summary>Steps about sites, spoken through the admin API as the SPA does.</summary>
public sealed class SiteSteps(LookoutApp app)
{
    private ApiClient? _admin;
    private HttpResponseMessage? _lastResponse;

    private ApiClient Admin => _admin ?? throw new InvalidOperationException("Sign in first.");

    [Step("I am signed in as the first-run admin")]
    public async Task SignedInAsAdmin() => _admin = await app.SignInAsAdminAsync();

    [Step("I add a site \"(.*)\" for origins \"(.*)\" in time zone \"(.*)\"")]
    public async Task AddSite(string name, string origins, string timeZone) =>
        _lastResponse = await Admin.PostAsync("/api/workspaces/sites", new { name, allowedOrigins = origins.Split(';'), timeZone });

    [Step("the site \"(.*)\" is listed with time zone \"(.*)\"")]
    public async Task SiteIsListed(string name, string timeZone) =>
        Assert.Equal(timeZone, (await FindSiteAsync(name))?["timeZone"]?.GetValue<string>());

    [Step("the snippet of \"(.*)\" loads lookout.js with its site key")]
    public async Task SnippetHasKey(string name)
    {
        var site = (await FindSiteAsync(name))!;
        var snippet = site["snippet"]!.GetValue<string>();
        Assert.Contains($"{app.BaseAddress.ToString().TrimEnd('/')}/lookout.js", snippet, StringComparison.Ordinal);
        Assert.Contains($"data-site=\"{site["siteKey"]!.GetValue<string>()}\"", snippet, StringComparison.Ordinal);
    }

    [Step("the request is refused because of \"(.*)\"")]
    public async Task RefusedBecauseOf(string field)
    {
        var problem = await ApiClient.ReadAsync(_lastResponse!, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?[field]);
    }

    [Step("no site \"(.*)\" is listed")]
    public async Task NotListed(string name) => Assert.Null(await FindSiteAsync(name));

    private async Task<JsonNode?> FindSiteAsync(string name)
    {
        var sites = await ApiClient.ReadAsync(await Admin.GetAsync("/api/workspaces/sites"), HttpStatusCode.OK);
        return sites.AsArray().SingleOrDefault(s => s!["name"]!.GetValue<string>() == name);
    }
}
