using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lookout.Host.Testing;

namespace Lookout.Host.Tests.Api;

/// <summary>
/// Whatever a client sends to a POST or PUT route, the answer is a problem a client can act on (400 naming the
/// field, 404, 413), never a 500. Each such route needs its rules below; a new one without them fails the test.
/// </summary>
public sealed class BadInputTests(HostApp host) : IClassFixture<HostApp>
{
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// What a route's body must hold. For a route with an id, <see cref="ExistingId"/> finds one the admin can reach and
    /// <see cref="ValidBody"/> is sent to an id that does not exist.
    /// </summary>
    private sealed record BodyRules(string[] Required, string WrongTypes, string WrongTypeField, Func<ApiClient, Task<string>>? ExistingId = null, object? ValidBody = null);

    /// <summary>Routes that read a body; null for those that take none.</summary>
    private static readonly Dictionary<string, BodyRules?> Routes = new()
    {
        ["POST /api/workspaces/login"] = new(["email", "password"], """{"email": 1, "password": "x"}""", "email"),
        ["POST /api/workspaces/logout"] = null,
        ["POST /api/plugins/attachments/preview"] = new(["format", "template"], """{"format": "txt", "template": 5}""", "template"),
        ["PUT /api/plugins/{id}/settings"] = new(
            ["accountSid", "authToken", "from"], """{"accountSid": "AC1", "authToken": "t", "from": "+14155550100", "maxSegments": "three"}""", "maxSegments",
            _ => Task.FromResult("sms"), new { accountSid = "AC1", authToken = "t", from = "+14155550100" }),
        ["POST /api/workspaces"] = new(["name"], """{"name": {"first": "My"}}""", "name"),
        ["PUT /api/workspaces/settings"] = new(["defaultPhoneRegion"], """{"defaultPhoneRegion": 44}""", "defaultPhoneRegion"),
        ["POST /api/workspaces/sites"] = new(["name", "timeZone"], """{"name": "Shop", "allowedOrigins": "https://shop.example.com", "timeZone": "Etc/UTC"}""", "allowedOrigins"),
        ["PUT /api/workspaces/sites/{id}"] = new(
            ["name", "timeZone"], """{"name": "Shop", "allowedOrigins": [true], "timeZone": "Etc/UTC"}""", "allowedOrigins[0]",
            FirstSiteAsync, new { name = "Shop", timeZone = "Etc/UTC" }),
        ["POST /api/workspaces/users"] = new(["displayName", "email", "role"], """{"email": "new@example.com", "displayName": "New", "role": 2}""", "role"),
        ["PUT /api/workspaces/users/{id}"] = new(
            ["role"], """{"displayName": ["New"], "role": "Admin"}""", "displayName",
            SignedInUserAsync, new { displayName = "Admin", role = "Admin" }),
        ["PUT /api/plugins/{id}/settings/installation"] = new(
            ["accountSid", "authToken", "from"], """{"accountSid": "AC1", "authToken": "t", "from": "+14155550100", "maxSegments": "three"}""", "maxSegments",
            _ => Task.FromResult("sms"), new { accountSid = "AC1", authToken = "t", from = "+14155550100" }),
        ["POST /api/workspaces/me/invitations/{id}/accept"] = null,
        ["POST /api/workspaces/me/invitations/{id}/decline"] = null,
        ["PUT /api/workspaces/me/profile"] = new(["displayName"], """{"displayName": 5}""", "displayName"),
        ["PUT /api/workspaces/me/password"] = new(["currentPassword", "newPassword"], """{"currentPassword": 5, "newPassword": "long-enough-1"}""", "currentPassword"),
        ["PUT /api/workspaces/me/preferences"] = new(["csv"], """{"timeZone": "Europe/Paris", "csv": {"header": "yes"}}""", "csv.header"),
        ["POST /api/exclusions"] = new(["kind", "pattern"], """{"kind": "Ip", "pattern": ["10.0.0.1"]}""", "pattern"),
        ["PUT /api/exclusions/{id}"] = new(
            ["kind", "pattern"], """{"kind": "Ip", "pattern": "10.0.0.1", "enabled": "yes"}""", "enabled",
            FirstExclusionAsync, new { kind = "Ip", pattern = "10.0.0.1" }),
        ["POST /api/exclusions/test"] = new(["siteId"], """{"siteId": 7}""", "siteId"),
        ["POST /api/contacts/contacts"] = new(["email", "name"], """{"name": "Ann", "email": 5}""", "email"),
        ["PUT /api/contacts/contacts/{id}"] = new(
            ["email", "name"], """{"name": "Ann", "email": "ann@example.com", "tags": "vip"}""", "tags",
            NewContactAsync, new { name = "Ann", email = "ann@example.com" }),
        ["POST /api/contacts/contacts/transfer"] = new(["contactIds", "targetWorkspaceId"], """{"contactIds": "abc", "targetWorkspaceId": "w"}""", "contactIds"),
        ["POST /api/contacts/lists"] = new(["name"], """{"name": "Team", "members": {"kind": "user"}}""", "members"),
        ["PUT /api/contacts/lists/{id}"] = new(
            ["name"], """{"name": "Team", "members": [{"kind": "user", "id": 7}]}""", "members[0].id",
            NewListAsync, new { name = "Team" }),
        // Not JSON: the raw CSV file of an import (its bad input has its own tests in Contacts.Tests).
        ["POST /api/contacts/import"] = null,
        ["POST /api/contacts/import/{id}/preview"] = new(
            ["mapping"], """{"mapping": "Full name"}""", "mapping",
            NewImportAsync, new { mapping = new { name = "Full name", email = "E-mail" } }),
        ["POST /api/contacts/import/{id}/run"] = new(
            ["duplicatePolicy", "mapping"], """{"mapping": {"name": 1}, "duplicatePolicy": "update"}""", "mapping.name",
            NewImportAsync, new { mapping = new { name = "Full name", email = "E-mail" }, duplicatePolicy = "update" }),
        ["POST /api/contacts/recipients/validate"] = new(["adHoc"], """{"adHoc": "ann@example.com"}""", "adHoc"),
        ["POST /api/contacts/recipients/resolve"] = new(["entries"], """{"entries": [{"kind": "user", "id": 5}]}""", "entries[0].id"),
        ["POST /api/outbox/deliveries/{id}/resend"] = null,
        // Not a JSON API of the admin: the tracker's endpoint (its hostile input has its own tests in Visitors.Tests).
        ["POST /collect"] = null,
        ["PUT /api/visitors/leads/{id}"] = new(
            ["tags"], """{"ownerUserId": 5, "tags": []}""", "ownerUserId",
            FirstLeadAsync, new { ownerUserId = "", tags = Array.Empty<string>() }),
    };

    public static TheoryData<string, string> Malformed => new()
    {
        { "cut short", """{"name": """ },
        { "not JSON", "name=Shop" },
        { "trailing comma", """{"name": "Shop",}""" },
        { "two documents", """{} {}""" },
    };

    public static TheoryData<string, string> NotAnObject => new()
    {
        { "empty", "" },
        { "null", "null" },
        { "an array", "[]" },
        { "a string", "\"Shop\"" },
        { "a number", "42" },
    };

    [Fact]
    public void Every_route_that_takes_a_body_has_rules_here()
    {
        var routes = HostEndpoints.Of(host.App).Where(e => e.TakesBody).Select(e => e.Name);

        Assert.Equal(Routes.Keys.Order(StringComparer.Ordinal), routes.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_JSON_is_a_400_that_names_where_it_broke(string what, string body)
    {
        await ForEachRouteAsync(async (client, method, path, _) =>
        {
            using var response = await SendAsync(client, method, path, body);
            var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
            Assert.True(Problem.Fields(problem).Count > 0, $"{method} {path} with {what}: {problem.ToJsonString()}");
        });
    }

    [Fact]
    public async Task A_field_of_the_wrong_JSON_type_is_a_400_naming_that_field()
    {
        await ForEachRouteAsync(async (client, method, path, rules) =>
        {
            using var response = await SendAsync(client, method, path, rules.WrongTypes);
            Assert.Equal([rules.WrongTypeField], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
        });
    }

    [Fact]
    public async Task An_empty_object_is_a_400_naming_every_required_field()
    {
        await ForEachRouteAsync(async (client, method, path, rules) =>
        {
            using var response = await SendAsync(client, method, path, "{}");
            Assert.Equal(rules.Required, Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
        });
    }

    [Theory]
    [MemberData(nameof(NotAnObject))]
    public async Task A_body_that_is_not_a_JSON_object_is_a_400_on_the_body(string what, string body)
    {
        await ForEachRouteAsync(async (client, method, path, _) =>
        {
            using var response = await SendAsync(client, method, path, body);
            var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
            Assert.True(Problem.Fields(problem) is ["$"], $"{method} {path} with {what}: {problem.ToJsonString()}");
        });
    }

    [Fact]
    public async Task A_body_over_1_MB_is_a_413_problem()
    {
        var body = $$"""{"name": "{{new string('a', MaxBodyBytes)}}"}""";
        using var admin = await host.App.SignInAsAdminAsync();
        using var browser = await SignedInBrowserAsync();

        foreach (var (route, rules) in Routes)
        {
            if (rules is null)
            {
                continue;
            }
            var (method, template) = Split(route);
            var path = rules.ExistingId is null ? template : template.Replace("{id}", await rules.ExistingId(admin), StringComparison.Ordinal);
            // Like a careful uploader, ask first (Expect: 100-continue): the host refuses before the body is sent, so
            // the client reads the 413 instead of a connection the host closed while the body was still coming.
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
            request.Headers.ExpectContinue = true;
            request.Headers.Add("X-XSRF-TOKEN", browser.Token);
            using var response = await browser.Http.SendAsync(request);
            await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
        }
    }

    [Fact]
    public async Task A_route_with_an_unknown_id_is_a_404_problem()
    {
        using var admin = await host.App.SignInAsAdminAsync();
        foreach (var (route, rules) in Routes)
        {
            if (rules?.ValidBody is null)
            {
                continue;
            }
            var (method, template) = Split(route);
            using var response = await admin.SendAsync(new HttpMethod(method), template.Replace("{id}", "no-such-id", StringComparison.Ordinal), rules.ValidBody);
            await Problem.ReadAsync(response, HttpStatusCode.NotFound);
        }
    }

    /// <summary>Runs <paramref name="check"/> on every route that takes a body, as the first-run admin, with ids that exist.</summary>
    private async Task ForEachRouteAsync(Func<ApiClient, string, string, BodyRules, Task> check)
    {
        using var admin = await host.App.SignInAsAdminAsync();
        foreach (var (route, rules) in Routes)
        {
            if (rules is null)
            {
                continue;
            }
            var (method, template) = Split(route);
            var path = rules.ExistingId is null ? template : template.Replace("{id}", await rules.ExistingId(admin), StringComparison.Ordinal);
            await check(admin, method, path, rules);
        }
    }

    /// <summary>An HTTP client signed in as the admin, with the antiforgery token for its session.</summary>
    private sealed record Browser(HttpClient Http, string Token) : IDisposable
    {
        public void Dispose() => Http.Dispose();
    }

    private async Task<Browser> SignedInBrowserAsync()
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = host.App.BaseAddress };
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/workspaces/login")
        {
            Content = JsonContent.Create(new { email = LookoutApp.AdminEmail, password = LookoutApp.AdminPassword }),
        };
        login.Headers.Add("X-XSRF-TOKEN", await TokenAsync(http));
        using var signedIn = await http.SendAsync(login);
        await ApiClient.ReadAsync(signedIn, HttpStatusCode.OK);
        return new Browser(http, await TokenAsync(http));
    }

    private static async Task<string> TokenAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonElement>("/api/workspaces/antiforgery")).GetProperty("token").GetString()!;

    private static async Task<HttpResponseMessage> SendAsync(ApiClient client, string method, string path, string body) =>
        await client.SendAsync(new HttpMethod(method), path, new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")));

    private static (string Method, string Template) Split(string route) => (route[..route.IndexOf(' ', StringComparison.Ordinal)], route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..]);

    private static async Task<string> FirstSiteAsync(ApiClient admin)
    {
        using var response = await admin.GetAsync("/api/workspaces/sites");
        return (await ApiClient.ReadAsync(response, HttpStatusCode.OK))[0]!["id"]!.GetValue<string>();
    }

    private static async Task<string> NewContactAsync(ApiClient admin)
    {
        using var created = await admin.PostAsync("/api/contacts/contacts", new { name = "Bad input", email = $"bad.input.{Guid.NewGuid():N}@example.com" });
        return (await ApiClient.ReadAsync(created, HttpStatusCode.Created))["id"]!.GetValue<string>();
    }

    private static async Task<string> NewListAsync(ApiClient admin)
    {
        using var created = await admin.PostAsync("/api/contacts/lists", new { name = "Bad input" });
        return (await ApiClient.ReadAsync(created, HttpStatusCode.Created))["id"]!.GetValue<string>();
    }

    private static async Task<string> NewImportAsync(ApiClient admin)
    {
        using var uploaded = await admin.PostAsync("/api/contacts/import", new StringContent("Full name,E-mail\nAnn,ann@example.com\n", Encoding.UTF8, "text/csv"));
        return (await ApiClient.ReadAsync(uploaded, HttpStatusCode.OK))["importId"]!.GetValue<string>();
    }

    private static async Task<string> FirstExclusionAsync(ApiClient admin)
    {
        using var created = await admin.PostAsync("/api/exclusions", new { kind = "Country", pattern = "Iceland" });
        return (await ApiClient.ReadAsync(created, HttpStatusCode.Created))["id"]!.GetValue<string>();
    }

    /// <summary>A lead of the admin's workspace, made the way leads are made: a tracked visitor identifies.</summary>
    private static async Task<string> FirstLeadAsync(ApiClient admin)
    {
        using var sites = await admin.GetAsync("/api/workspaces/sites");
        var site = (await ApiClient.ReadAsync(sites, HttpStatusCode.OK))[0]!;
        var origin = admin.BaseAddress.GetLeftPart(UriPartial.Authority);
        using var browser = new HttpClient { BaseAddress = admin.BaseAddress };
        using var collect = new HttpRequestMessage(HttpMethod.Post, "/collect")
        {
            Content = new StringContent(
                $$"""{"site":"{{site["siteKey"]}}","visitor":"bad-input-visitor-000","events":[{"type":"pageview","pageId":"bad-input-page","url":"{{origin}}/"},{"type":"identify","email":"bad.input@example.com"}]}""",
                Encoding.UTF8, "text/plain"),
        };
        collect.Headers.Add("Origin", origin);
        // A browser: bots (and clients with no user agent) are counted and dropped.
        collect.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
        using (var accepted = await browser.SendAsync(collect))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }
        for (var i = 0; i < 100; i++)
        {
            using var leads = await admin.GetAsync("/api/visitors/leads");
            if ((await ApiClient.ReadAsync(leads, HttpStatusCode.OK))["items"]!.AsArray() is [var lead, ..])
            {
                return lead!["id"]!.GetValue<string>();
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("No lead was created.");
    }

    private static async Task<string> SignedInUserAsync(ApiClient admin)
    {
        using var response = await admin.GetAsync("/api/workspaces/me");
        return (await ApiClient.ReadAsync(response, HttpStatusCode.OK))["user"]!["id"]!.GetValue<string>();
    }
}
