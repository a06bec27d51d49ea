using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Lookout.Kernel.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lookout.Kernel.Tests.Http;

/// <summary>
/// The kernel's pipeline authenticates every request except those of endpoints marked WithoutAuthentication, and
/// those never see a user, whatever credentials they carry; authorization still holds for the others.
/// </summary>
public sealed class WithoutAuthenticationTests : IAsyncLifetime
{
    private const string Scheme = "Test";
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddRouting();
        builder.Services.AddProblemDetails();
        builder.Services.AddAntiforgery();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, HeaderHandler>(Scheme, _ => { });
        _app = builder.Build();
        _app.UseLookoutApi();
        _app.MapGet("/open", (HttpContext http) => http.User.Identity?.IsAuthenticated == true ? "user" : "nobody").WithoutAuthentication();
        _app.MapGet("/normal", (HttpContext http) => http.User.Identity?.IsAuthenticated == true ? "user" : "nobody");
        _app.MapGet("/members", () => "members only").RequireAuthorization();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_marked_endpoint_sees_nobody_even_with_credentials_and_the_others_see_the_user()
    {
        Assert.Equal("nobody", await GetAsync("/open", "ana"));
        Assert.Equal("user", await GetAsync("/normal", "ana"));
        Assert.Equal("nobody", await GetAsync("/normal", null));
        Assert.Equal("members only", await GetAsync("/members", "ana"));
        using var anonymous = await SendAsync("/members", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task<string> GetAsync(string path, string? user)
    {
        using var response = await SendAsync(path, user);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<HttpResponseMessage> SendAsync(string path, string? user)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Add("X-Test-User", user);
        }
        return _http.SendAsync(request);
    }

    /// <summary>Signs in whoever the X-Test-User header names.</summary>
    private sealed class HeaderHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(Request.Headers["X-Test-User"].ToString() is { Length: > 0 } name
                ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], WithoutAuthenticationTests.Scheme)), WithoutAuthenticationTests.Scheme))
                : AuthenticateResult.NoResult());
    }
}
