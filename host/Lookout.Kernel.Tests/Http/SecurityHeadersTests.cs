using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lookout.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lookout.Kernel.Tests.Http;

/// <summary>
/// The kernel's pipeline puts the security headers on every response, errors included, lets an endpoint bring its own
/// Content-Security-Policy, and sends HSTS on HTTPS only.
/// </summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private HttpClient _https = null!;
    private X509Certificate2 _certificate = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        using (var certificate = SelfSigned())
        {
            // Exported and loaded again: Kestrel on Linux wants a certificate whose key it can use for TLS.
            _certificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate));
        });
        builder.Services.AddRouting();
        builder.Services.AddProblemDetails();
        builder.Services.AddAntiforgery();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication();
        _app = builder.Build();
        _app.UseLookoutApi();
        _app.MapGet("/page", () => "page");
        _app.MapGet("/own", () => "own").WithContentSecurityPolicy("default-src 'none'");
        _app.MapGet("/fails", string () => throw new InvalidOperationException("boom"));
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        _http = new HttpClient { BaseAddress = new Uri(addresses.Single(a => a.StartsWith("http:", StringComparison.Ordinal))) };
        _https = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
        {
            BaseAddress = new Uri(addresses.Single(a => a.StartsWith("https:", StringComparison.Ordinal))),
        };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _https.Dispose();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    [Theory]
    [InlineData("/page", HttpStatusCode.OK)]
    [InlineData("/nowhere", HttpStatusCode.NotFound)]
    [InlineData("/fails", HttpStatusCode.InternalServerError)]
    public async Task Every_response_forbids_framing_sniffing_and_foreign_referrers(string path, HttpStatusCode status)
    {
        using var response = await _http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_policy_allows_this_host_s_websockets_and_nothing_inline()
    {
        using var response = await _http.GetAsync("/page");

        var host = _http.BaseAddress!.Authority;
        var directives = Header(response, "Content-Security-Policy").Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("default-src 'self'", directives);
        Assert.Contains("script-src 'self'", directives);
        Assert.Contains("style-src 'self'", directives);
        Assert.Contains("img-src 'self' data:", directives);
        Assert.Contains($"connect-src 'self' ws://{host} wss://{host}", directives);
        Assert.Contains("base-uri 'self'", directives);
        Assert.Contains("form-action 'self'", directives);
        Assert.DoesNotContain(directives, d => d.Contains("unsafe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_host_header_that_is_not_a_host_adds_no_websocket_source()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/page");
        request.Headers.Host = "example.com:80";
        using var fine = await _http.SendAsync(request);
        Assert.Contains("connect-src 'self' ws://example.com:80 wss://example.com:80;", Header(fine, "Content-Security-Policy"), StringComparison.Ordinal);

        using var odd = new HttpRequestMessage(HttpMethod.Get, "/page");
        odd.Headers.TryAddWithoutValidation("Host", "a_b");
        using var response = await _http.SendAsync(odd);
        Assert.DoesNotContain("a_b", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_with_its_own_policy_is_answered_with_it()
    {
        using var response = await _http.GetAsync("/own");

        Assert.Equal("default-src 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task HSTS_is_sent_over_HTTPS_only()
    {
        using var secure = await _https.GetAsync("/page");
        using var plain = await _http.GetAsync("/page");

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000", Header(secure, "Strict-Transport-Security"));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"{name} is missing");

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
    }
}
