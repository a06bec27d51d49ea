using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Lookout.Kernel.Http;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Lookout.Visitors.Tracker;

/// <summary>
/// A small shop at <c>/demo/</c> with the snippet of the first site, so a new user who opens it sees themselves in
/// the live view: linked pages, a page that navigates like a single-page app, and a form that identifies the visitor.
/// </summary>
internal static partial class DemoSite
{
    /// <summary>The snippet's first line, as a customer pastes it: a queue for calls made before lookout.js has loaded.</summary>
    private const string Queue = "window.lookout = window.lookout || function () { (window.lookout.q = window.lookout.q || []).push(arguments) };";

    private const string Style = "body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; } nav a { margin-right: 1rem; }";

    private static readonly Dictionary<string, (string Title, string Body)> Pages = new(StringComparer.Ordinal)
    {
        [""] = ("Demo shop", "<p>Welcome to the demo shop. Browse around: every page you open shows in Lookout's live view.</p>"),
        ["pricing"] = ("Pricing", "<p>Starter: 9 €/month. Team: 29 €/month. Enterprise: ask us.</p>"),
        ["products"] = ("Products", """
            <p>Pick a product; this page changes without reloading, like a single-page app.</p>
            <p><button data-product="lamp">Lamp</button> <button data-product="chair">Chair</button> <button data-product="desk">Desk</button></p>
            <p id="product">No product chosen.</p>
            <script>
              document.querySelectorAll('[data-product]').forEach(function (b) {
                b.addEventListener('click', function () {
                  history.pushState({}, '', '/demo/products/' + b.dataset.product);
                  document.title = 'Products: ' + b.dataset.product;
                  document.getElementById('product').textContent = 'You are looking at the ' + b.dataset.product + '.';
                });
              });
            </script>
            """),
        ["contact"] = ("Contact us", """
            <form id="contact">
              <p><label>Name <input name="name" autocomplete="name"></label></p>
              <p><label>Email <input name="email" type="email" autocomplete="email"></label></p>
              <p><label>Company <input name="company"></label></p>
              <p><button type="submit">Send</button></p>
            </form>
            <p id="thanks" hidden>Thanks, we will be in touch.</p>
            <script>
              document.getElementById('contact').addEventListener('submit', function (e) {
                e.preventDefault();
                var f = e.target;
                lookout('identify', { name: f.name.value, email: f.email.value, company: f.company.value });
                document.getElementById('thanks').hidden = false;
              });
            </script>
            """),
    };

    private static string Heartbeat(IConfiguration configuration) =>
        configuration.GetValue<int?>(HeartbeatSetting) is { } ms ? $" data-heartbeat=\"{ms}\"" : "";

    /// <summary>
    /// The demo pages keep their inline scripts and style, as a customer's site would: the policy allows exactly those,
    /// by hash, besides the host's own scripts. The admin API shares this origin, so no other inline script may run.
    /// </summary>
    private static readonly string Policy = PolicyOf([Queue, .. Pages.Values.SelectMany(p => InlineScript().Matches(p.Body).Select(m => m.Groups[1].Value))], Style);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/demo/{**page}", Serve).ExcludeFromDescription().WithContentSecurityPolicy(Policy);
    }

    private static string PolicyOf(IEnumerable<string> scripts, string style) =>
        $"default-src 'self'; script-src 'self' {string.Join(' ', scripts.Select(Hash))}; style-src 'self' {Hash(style)}; img-src 'self' data:; "
        + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private static string Hash(string inline) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)))}'";

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    /// <summary><c>Demo:HeartbeatMs</c>: the demo pages' heartbeat (lookout.js's own default, 15 s, when unset).</summary>
    public const string HeartbeatSetting = "Demo:HeartbeatMs";

    private static async Task<IResult> Serve(string? page, ISiteDirectory sites, IConfiguration configuration, HttpContext http)
    {
        var name = (page ?? "").Trim('/');
        if (name.StartsWith("products/", StringComparison.Ordinal))
        {
            name = "products";
        }
        if (!Pages.TryGetValue(name, out var content))
        {
            return Results.NotFound();
        }
        var site = await sites.FirstAsync(http.RequestAborted);
        var snippet = site is null
            ? "<!-- no site yet: create one in Lookout's admin -->"
            : $"<script>{Queue}</script>\n"
              + $"<script async src=\"/lookout.js\" data-site=\"{WebUtility.HtmlEncode(site.SiteKey)}\"{Heartbeat(configuration)}></script>";
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{WebUtility.HtmlEncode(content.Title)}}</title>
            {{snippet}}
            <style>{{Style}}</style>
            </head>
            <body>
            <nav><a href="/demo/">Home</a><a href="/demo/products">Products</a><a href="/demo/pricing">Pricing</a><a href="/demo/contact">Contact</a></nav>
            <h1>{{WebUtility.HtmlEncode(content.Title)}}</h1>
            {{content.Body}}
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
