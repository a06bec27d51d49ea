using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Lookout.Host.Testing;

namespace Lookout.Host.Tests.Api;

/// <summary>
/// What <c>curl -I</c> shows on the host's pages, its API and its tracker: a strict Content-Security-Policy, no
/// framing, no sniffing, referrers to this origin only; the tracker stays loadable by customers' sites.
/// </summary>
public sealed partial class SecurityHeadersTests(HostApp host) : IClassFixture<HostApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/sites")]
    [InlineData("/health")]
    [InlineData("/api/workspaces/me")]
    [InlineData("/api/nope")]
    public async Task The_SPA_and_the_API_answer_with_the_security_headers(string path)
    {
        using var client = host.App.CreateClient();

        using var response = await client.GetAsync(path);

        var policy = Directives(response);
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self'", policy["style-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        // Plain HTTP on loopback: HSTS would pin a host that does not serve HTTPS.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_SPA_s_index_html_has_no_inline_script_its_policy_would_refuse()
    {
        using var client = host.App.CreateClient();

        using var response = await client.GetAsync("/");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script", html, StringComparison.Ordinal);
        Assert.All(ScriptTags().Matches(html), tag => Assert.Contains(" src=", tag.Value, StringComparison.Ordinal));
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tracker_script_is_served_to_another_origin_with_nothing_that_blocks_it()
    {
        using var client = new HttpClient { BaseAddress = host.App.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/lookout.js");
        request.Headers.Add("Origin", "https://shop.example.com");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Sec-Fetch-Mode", "no-cors");
        request.Headers.Add("Sec-Fetch-Dest", "script");
        request.Headers.Referrer = new Uri("https://shop.example.com/products");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.False(response.Headers.Contains("Cross-Origin-Resource-Policy"));
        Assert.False(response.Headers.Contains("Cross-Origin-Embedder-Policy"));
    }

    [Theory]
    [InlineData("/demo/")]
    [InlineData("/demo/products")]
    [InlineData("/demo/contact")]
    public async Task A_demo_page_s_policy_allows_exactly_its_own_inline_scripts_and_style(string path)
    {
        using var client = host.App.CreateClient();

        using var response = await client.GetAsync(path);

        var html = await response.Content.ReadAsStringAsync();
        var policy = Directives(response);
        var scripts = InlineScripts().Matches(html).Select(m => Hash(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(scripts);
        var allowed = policy["script-src"].Split(' ');
        Assert.Equal("'self'", allowed[0]);
        Assert.All(scripts, script => Assert.Contains(script, allowed));
        Assert.All(allowed.Skip(1), source => Assert.StartsWith("'sha256-", source, StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe-inline", policy["script-src"], StringComparison.Ordinal);
        Assert.Equal($"'self' {Hash(InlineStyle().Match(html).Groups[1].Value)}", policy["style-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        Header(response, "Content-Security-Policy").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"{name} is missing");

    private static string Hash(string inline) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)))}'";

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTags();

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScripts();

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex InlineStyle();
}
