using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lookout.Visitors.Tracker.Tests.Support;

/// <summary>How a test site embeds the snippet.</summary>
/// <param name="Attributes">Extra attributes on the script tag, e.g. <c>data-consent="required"</c>.</param>
/// <param name="BeforeSnippet">Markup placed before the snippet, e.g. the stub and early calls.</param>
public sealed record SiteOptions(string Attributes = "", string BeforeSnippet = "");

/// <summary>
/// A customer's website and Lookout's <c>/collect</c> on one Kestrel at a free loopback port. Pages are served from
/// <c>http://localhost:PORT</c> and the tracker from <c>http://127.0.0.1:PORT</c>, so the tracker talks cross-origin
/// as it does in production. Each test registers its own site key and reads only that site's deliveries.
/// </summary>
public sealed class TrackerSite : IAsyncLifetime
{
    private readonly Dictionary<string, SiteOptions> _sites = [];
    private readonly List<Delivery> _deliveries = [];
    private WebApplication _app = null!;

    public string PageOrigin { get; private set; } = "";

    public string TrackerOrigin { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapGet("/lookout.js", async () => Results.Text(await File.ReadAllTextAsync(TrackerFile.Path), "text/javascript"));
        _app.MapPost("/collect", Collect);
        _app.MapGet("/favicon.ico", () => Results.NoContent());
        _app.MapGet("/blank", () => Results.Content("<!doctype html><title>blank</title>", "text/html"));
        _app.MapGet("/{site}/{page}", Page);
        await _app.StartAsync();
        var port = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        PageOrigin = $"http://localhost:{port}";
        TrackerOrigin = $"http://127.0.0.1:{port}";
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Registers a new site and returns its key.</summary>
    public string NewSite(SiteOptions? options = null)
    {
        var site = "site" + Guid.NewGuid().ToString("N")[..12];
        lock (_sites)
        {
            _sites[site] = options ?? new SiteOptions();
        }
        return site;
    }

    public string Url(string site, string page) => $"{PageOrigin}/{site}/{page}";

    public IReadOnlyList<Delivery> Deliveries(string site)
    {
        lock (_deliveries)
        {
            return _deliveries.Where(d => d.Site == site).ToList();
        }
    }

    public IReadOnlyList<JsonObject> Events(string site) => Deliveries(site).SelectMany(d => d.Events).ToList();

    /// <summary>Waits until the site's deliveries satisfy <paramref name="done"/>, failing after a few seconds.</summary>
    public async Task<IReadOnlyList<Delivery>> WaitForAsync(string site, Func<IReadOnlyList<Delivery>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(8);
        while (true)
        {
            var deliveries = Deliveries(site);
            if (done(deliveries))
            {
                return deliveries;
            }
            Assert.True(DateTime.UtcNow < deadline, "Timed out; received: " + Summary(deliveries));
            await Task.Delay(50);
        }
    }

    public async Task<IReadOnlyList<JsonObject>> WaitForEventsAsync(string site, Func<IReadOnlyList<JsonObject>, bool> done) =>
        (await WaitForAsync(site, d => done(d.SelectMany(x => x.Events).ToList()))).SelectMany(d => d.Events).ToList();

    private static string Summary(IEnumerable<Delivery> deliveries) =>
        string.Join(" | ", deliveries.Select(d => $"{d.Bytes} bytes: " + string.Join(", ", d.Events.Select(e => e.Text("type") + (e["name"] is { } name ? " " + name : "")))));

    private async Task<IResult> Collect(HttpRequest request, HttpResponse response)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var delivery = new Delivery(
            JsonNode.Parse(text)!.AsObject(),
            request.ContentType ?? "",
            request.Headers["Sec-Fetch-Mode"].ToString(),
            request.Headers.Cookie.Count > 0,
            Encoding.UTF8.GetByteCount(text));
        lock (_deliveries)
        {
            _deliveries.Add(delivery);
        }
        response.Headers.AccessControlAllowOrigin = request.Headers.Origin;
        return Results.Accepted();
    }

    private IResult Page(string site, string page)
    {
        SiteOptions? options;
        lock (_sites)
        {
            _sites.TryGetValue(site, out options);
        }
        if (options is null)
        {
            return Results.NotFound();
        }
        var html = $"""
            <!doctype html>
            <html><head><meta charset="utf-8"><title>{page} page</title>
            {options.BeforeSnippet}
            <script async src="{TrackerOrigin}/lookout.js" data-site="{site}" {options.Attributes}></script>
            </head><body><a id="home" href="/{site}/home">Home</a> <a id="about" href="/{site}/about">About</a></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
