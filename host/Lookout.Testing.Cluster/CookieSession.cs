using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lookout.Testing.Cluster;

/// <summary>
/// One browser talking to any host of a cluster or to the proxy in front of them. Cookies belong to 127.0.0.1
/// whatever the port, as in a browser, so the session cookie and antiforgery cookie one host set go to every other;
/// the antiforgery token is sent as <c>X-XSRF-TOKEN</c> on unsafe methods, the chosen workspace as <c>X-Workspace-Id</c>.
/// </summary>
public sealed class CookieSession : IDisposable
{
    private readonly HttpClient _http;

    public CookieSession()
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false });
    }

    /// <summary>The browser's cookies, e.g. for a SignalR connection.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>The token from the last <see cref="FetchAntiforgeryTokenAsync"/>.</summary>
    public string? AntiforgeryToken { get; private set; }

    /// <summary>The signed-in user's first workspace.</summary>
    public string? WorkspaceId { get; private set; }

    /// <summary>
    /// Signs in at <paramref name="at"/> (the first-run admin unless told otherwise), then fetches a new antiforgery
    /// token there, since a token is bound to the user it was issued to.
    /// </summary>
    public async Task SignInAsync(Uri at, string email = LookoutCluster.AdminEmail, string password = LookoutCluster.AdminPassword)
    {
        await FetchAntiforgeryTokenAsync(at);
        using var response = await SendAsync(HttpMethod.Post, at, "/api/workspaces/login", new { email, password });
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"Signing in at {at} answered {(int)response.StatusCode}: {text}");
        }
        using var session = JsonDocument.Parse(text);
        WorkspaceId = session.RootElement.GetProperty("workspaces")[0].GetProperty("id").GetString();
        await FetchAntiforgeryTokenAsync(at);
    }

    /// <summary>Asks <paramref name="at"/> for an antiforgery token (and its cookie), kept for later unsafe requests.</summary>
    public async Task<string> FetchAntiforgeryTokenAsync(Uri at)
    {
        var answer = await _http.GetFromJsonAsync<JsonElement>(new Uri(at, "/api/workspaces/antiforgery"));
        return AntiforgeryToken = answer.GetProperty("token").GetString()!;
    }

    /// <summary>Sends <paramref name="body"/> as JSON to <paramref name="path"/> at <paramref name="at"/>, a host or the proxy.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri at, string path, object? body = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        using var request = new HttpRequestMessage(method, new Uri(at, path));
        if (method != HttpMethod.Get && method != HttpMethod.Head && AntiforgeryToken is not null)
        {
            request.Headers.Add("X-XSRF-TOKEN", AntiforgeryToken);
        }
        if (WorkspaceId is not null)
        {
            request.Headers.Add("X-Workspace-Id", WorkspaceId);
        }
        request.Content = body is null ? null : JsonContent.Create(body);
        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}
