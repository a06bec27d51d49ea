using System.Net;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;
using TechTalk.SpecFlow;
using TechTalk.SpecFlow.Assist;

namespace Lookout.Specs;

/// <summary>Steps about sites, spoken through the admin API as the SPA does.</summary>
[Binding]
public sealed class SiteSteps(LookoutApp app, Admin admin) : IDisposable
{
    private HttpResponseMessage? _lastResponse;
    private readonly Dictionary<string, string> _siteKeysAtStart = [];

    [When("I add a site \"(.*)\" for origins \"(.*)\" in time zone \"(.*)\"")]
    public async Task AddSite(string name, string origins, string timeZone) =>
        await AddAsync(new SiteRow { Name = name, Origins = origins, TimeZone = timeZone });

    [When("I add these sites:")]
    public async Task AddSites(Table table)
    {
        foreach (var site in table.CreateSet<SiteRow>())
        {
            await AddAsync(site);
            await ApiClient.ReadAsync(_lastResponse!, HttpStatusCode.Created);
        }
    }

    [Given("a site was added with:")]
    public async Task SiteWasAdded(Table table)
    {
        var site = table.CreateInstance<SiteRow>();
        await AddAsync(site);
        var created = await ApiClient.ReadAsync(_lastResponse!, HttpStatusCode.Created);
        _siteKeysAtStart[site.Name] = created["siteKey"]!.GetValue<string>();
    }

    /// <summary>Sends what the SPA's form sends when only the time zone was edited: no <c>anonymizeIp</c>.</summary>
    [When("I change the time zone of \"(.*)\" to \"(.*)\"")]
    public async Task ChangeTimeZone(string name, string timeZone)
    {
        var site = await SiteAsync(name);
        _lastResponse = await admin.Client.PutAsync($"/api/workspaces/sites/{site["id"]!.GetValue<string>()}", new
        {
            name,
            allowedOrigins = site["allowedOrigins"]!.AsArray().Select(o => o!.GetValue<string>()).ToArray(),
            timeZone,
        });
        await ApiClient.ReadAsync(_lastResponse, HttpStatusCode.OK);
    }

    [Then("the site \"(.*)\" is listed with time zone \"(.*)\"")]
    public async Task SiteIsListed(string name, string timeZone) =>
        Assert.Equal(timeZone, (await SiteAsync(name))["timeZone"]!.GetValue<string>());

    [Then("the site \"(.*)\" allows the origins \"(.*)\"")]
    public async Task SiteAllows(string name, string origins) =>
        Assert.Equal(
            new SiteRow { Origins = origins }.OriginList,
            (await SiteAsync(name))["allowedOrigins"]!.AsArray().Select(o => o!.GetValue<string>()));

    [Then("the snippet of \"(.*)\" loads lookout.js with its site key")]
    public async Task SnippetHasKey(string name)
    {
        var site = await SiteAsync(name);
        var snippet = site["snippet"]!.GetValue<string>();
        Assert.Contains($"{app.BaseAddress.ToString().TrimEnd('/')}/lookout.js", snippet, StringComparison.Ordinal);
        Assert.Contains($"data-site=\"{site["siteKey"]!.GetValue<string>()}\"", snippet, StringComparison.Ordinal);
    }

    [Then("the site \"(.*)\" keeps its site key")]
    public async Task KeepsItsKey(string name) =>
        Assert.Equal(_siteKeysAtStart[name], (await SiteAsync(name))["siteKey"]!.GetValue<string>());

    [Then("the request is refused because of \"(.*)\"")]
    public async Task RefusedBecauseOf(string field)
    {
        var problem = await ApiClient.ReadAsync(_lastResponse!, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?[field]);
    }

    [Then("the workspace has no sites")]
    public async Task NoSites() => Assert.Empty(await ListAsync());

    [Then("the sites listed are:")]
    public async Task SitesListed(Table table) =>
        Assert.Equal(table.CreateSet<SiteRow>().Select(s => s.Describe()), (await ListAsync()).Select(s => s.Describe()));

    [Then("every site listed has a site key of its own")]
    public async Task KeysAreDistinct()
    {
        var sites = await ApiClient.ReadAsync(await admin.Client.GetAsync("/api/workspaces/sites"), HttpStatusCode.OK);
        var keys = sites.AsArray().Select(s => s!["siteKey"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(keys);
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    public void Dispose() => _lastResponse?.Dispose();

    private async Task AddAsync(SiteRow site)
    {
        _lastResponse?.Dispose();
        _lastResponse = await admin.Client.PostAsync("/api/workspaces/sites", new
        {
            name = site.Name,
            allowedOrigins = site.Origins.Split(';', StringSplitOptions.TrimEntries),
            timeZone = site.TimeZone,
            anonymizeIp = site.AnonymizeIp,
        });
    }

    private async Task<JsonNode> SiteAsync(string name)
    {
        var sites = await ApiClient.ReadAsync(await admin.Client.GetAsync("/api/workspaces/sites"), HttpStatusCode.OK);
        return sites.AsArray().SingleOrDefault(s => s!["name"]!.GetValue<string>() == name)
            ?? throw new InvalidOperationException($"No site \"{name}\" is listed.");
    }

    private async Task<IReadOnlyList<SiteRow>> ListAsync()
    {
        var sites = await ApiClient.ReadAsync(await admin.Client.GetAsync("/api/workspaces/sites"), HttpStatusCode.OK);
        return sites.AsArray().Select(s => new SiteRow
        {
            Name = s!["name"]!.GetValue<string>(),
            Origins = string.Join(";", s["allowedOrigins"]!.AsArray().Select(o => o!.GetValue<string>())),
            TimeZone = s["timeZone"]!.GetValue<string>(),
            AnonymizeIp = s["anonymizeIp"]!.GetValue<bool>(),
        }).ToList();
    }
}
