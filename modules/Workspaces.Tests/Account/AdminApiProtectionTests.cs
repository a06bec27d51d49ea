using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lookout.Host.Testing;
using Lookout.Workspaces.Tests.Support;

namespace Lookout.Workspaces.Tests.Account;

/// <summary>What protects the admin API in a browser: the cookie's flags and the antiforgery header.</summary>
public sealed class AdminApiProtectionTests(HostOnSqlite host) : IClassFixture<HostOnSqlite>
{
    [Fact]
    public async Task The_sign_in_cookie_is_HttpOnly_and_SameSite_Strict()
    {
        using var client = host.App.CreateClient();

        using var response = await client.PostAsync("/api/workspaces/login", new { email = LookoutApp.AdminEmail, password = LookoutApp.AdminPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lookout.auth=", StringComparison.Ordinal));
        var flags = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(f => f.ToLowerInvariant()).ToList();
        Assert.Contains("httponly", flags);
        Assert.Contains("samesite=strict", flags);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("forged-token")]
    public async Task An_unsafe_request_without_a_valid_antiforgery_header_is_refused_with_a_problem(string? header)
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = host.App.BaseAddress };
        var token = (await browser.GetFromJsonAsync<JsonElement>("/api/workspaces/antiforgery")).GetProperty("token").GetString();
        using (var login = new HttpRequestMessage(HttpMethod.Post, "/api/workspaces/login") { Content = JsonContent.Create(new { email = LookoutApp.AdminEmail, password = LookoutApp.AdminPassword }) })
        {
            login.Headers.Add("X-XSRF-TOKEN", token);
            using var signedIn = await browser.SendAsync(login);
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        }
        var sitesBefore = await browser.GetStringAsync("/api/workspaces/sites");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/workspaces/sites") { Content = JsonContent.Create(new { name = "Forged", timeZone = "Etc/UTC" }) };
        if (header is not null)
        {
            request.Headers.Add("X-XSRF-TOKEN", header);
        }
        using var response = await browser.SendAsync(request);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Antiforgery token validation failed", problem["title"]!.GetValue<string>());
        Assert.Equal(sitesBefore, await browser.GetStringAsync("/api/workspaces/sites"));
    }
}
