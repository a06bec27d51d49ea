using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lookout.Host.Testing;

/// <summary>
/// The admin API as the SPA uses it: cookies kept, the antiforgery header sent on unsafe methods, the chosen
/// workspace in <c>X-Workspace-Id</c>.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;
    private string? _antiforgeryToken;

    public ApiClient(Uri baseAddress)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
        };
    }

    /// <summary>The cookie jar (a SignalR client of the same browser takes it along; the hosts of a cluster share it).</summary>
    public CookieContainer Cookies { get; } = new();

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Sent as <c>X-Workspace-Id</c> when set.</summary>
    public string? WorkspaceId { get; set; }

    /// <summary>Signs in and selects the user's first workspace.</summary>
    public async Task<JsonNode> SignInAsync(string email, string password)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/workspaces/login", new { email, password });
        var session = await ReadAsync(response, HttpStatusCode.OK);
        _antiforgeryToken = null; // the token is bound to the identity
        WorkspaceId ??= session["workspaces"]![0]!["id"]!.GetValue<string>();
        return session;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<HttpResponseMessage> PostAsync(string path, object? body) => SendAsync(HttpMethod.Post, path, body);

    public Task<HttpResponseMessage> PutAsync(string path, object? body) => SendAsync(HttpMethod.Put, path, body);

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    /// <summary>Sends <paramref name="body"/> as JSON, or as is when it is <see cref="HttpContent"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get && method != HttpMethod.Head)
        {
            request.Headers.Add("X-XSRF-TOKEN", await AntiforgeryTokenAsync());
        }
        if (WorkspaceId is not null)
        {
            request.Headers.Add("X-Workspace-Id", WorkspaceId);
        }
        request.Content = body switch
        {
            null => null,
            HttpContent content => content,
            _ => JsonContent.Create(body),
        };
        return await _http.SendAsync(request);
    }

    /// <summary>Asserts the status and returns the JSON body.</summary>
    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new HttpRequestException($"Expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        }
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private async Task<string> AntiforgeryTokenAsync()
    {
        if (_antiforgeryToken is null)
        {
            using var response = await _http.GetAsync(new Uri("/api/workspaces/antiforgery", UriKind.Relative));
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            _antiforgeryToken = json.GetProperty("token").GetString();
        }
        return _antiforgeryToken!;
    }

    public void Dispose() => _http.Dispose();
}
