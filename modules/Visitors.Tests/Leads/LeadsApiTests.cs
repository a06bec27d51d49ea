using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;
using Lookout.Kernel.Storage;
using Lookout.Testing;

namespace Lookout.Visitors.Tests.Leads;

/// <summary>
/// The leads list pages like every list: <c>page</c> and <c>pageSize</c>, a page object with the total, a 400 naming
/// the field for a bad value; on SQLite and PostgreSQL alike. Leads are made as lookout.js makes them.
/// </summary>
public abstract class LeadsApiTests(SqlDialect dialect) : IAsyncLifetime
{
    private const int Leads = 5;
    private LookoutApp _app = null!;
    private ApiClient _admin = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _app = await LookoutApp.StartAsync(dialect);
        _admin = await _app.SignInAsAdminAsync();
        _browser = new HttpClient { BaseAddress = _app.BaseAddress };
        var siteKey = (await ApiClient.ReadAsync(await _admin.GetAsync("/api/workspaces/sites"), HttpStatusCode.OK))[0]!["siteKey"]!.GetValue<string>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 1; i <= Leads; i++)
        {
            await IdentifyAsync(siteKey, $"visitor-page-{i}-aaaaaaaa", now, $"lead{i}@example.com", i % 2 == 0 ? "Initech" : "Acme");
        }
        await Eventually.TrueAsync(async () => (await ListAsync(""))["total"]!.GetValue<long>() == Leads, "every identified visitor is a lead");
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Pages_of_leads_follow_each_other_without_overlap_and_tell_the_total()
    {
        var first = await ListAsync("?page=1&pageSize=2");
        var second = await ListAsync("?page=2&pageSize=2");
        var last = await ListAsync("?page=3&pageSize=2");

        Assert.Equal([1, 2, 2, Leads], new[] { first["page"], first["pageSize"], second["page"], second["total"] }.Select(n => n!.GetValue<int>()));
        var emails = new[] { first, second, last }.SelectMany(p => p["items"]!.AsArray()).Select(l => l!["email"]!.GetValue<string>()).ToList();
        Assert.Equal(Leads, emails.Count);
        Assert.Equal(Enumerable.Range(1, Leads).Select(i => $"lead{i}@example.com").Order(), emails.Order());
        Assert.Single(last["items"]!.AsArray());
    }

    [Fact]
    public async Task A_search_counts_only_the_leads_it_matches()
    {
        var page = await ListAsync("?search=initech&pageSize=1");

        Assert.Equal(2, page["total"]!.GetValue<long>());
        Assert.Equal("Initech", Assert.Single(page["items"]!.AsArray())!["company"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("?page=0", new[] { "page" })]
    [InlineData("?pageSize=201", new[] { "pageSize" })]
    [InlineData("?page=first&pageSize=10", new[] { "page" })]
    [InlineData("?page=-1&pageSize=0", new[] { "page", "pageSize" })]
    public async Task A_bad_page_is_a_400_problem_naming_the_field(string query, string[] fields)
    {
        using var response = await _admin.GetAsync($"/api/visitors/leads{query}");

        Assert.Equal(fields, Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
    }

    private async Task<JsonNode> ListAsync(string query) =>
        await ApiClient.ReadAsync(await _admin.GetAsync($"/api/visitors/leads{query}"), HttpStatusCode.OK);

    private async Task IdentifyAsync(string siteKey, string visitor, long now, string email, string company)
    {
        var batch = $$"""
            {"site":"{{siteKey}}","visitor":"{{visitor}}","sentAt":{{now}},"events":[
              {"type":"pageview","pageId":"{{visitor}}-1","url":"https://shop.example.com/contact","ts":{{now}}},
              {"type":"identify","email":"{{email}}","company":"{{company}}","ts":{{now}}}]}
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/collect") { Content = new StringContent(batch, Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", _app.BaseAddress.GetLeftPart(UriPartial.Authority));
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
        using var response = await _browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}

public sealed class SqliteLeadsApiTests() : LeadsApiTests(SqlDialect.Sqlite);

public sealed class PostgresLeadsApiTests() : LeadsApiTests(SqlDialect.PostgreSql);
