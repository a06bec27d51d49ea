using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;
using Lookout.Kernel.Paging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Host.Tests.Api;

/// <summary>What the host answers besides the modules' APIs: health, the OpenAPI document, unknown paths, the admin SPA.</summary>
public sealed class HostTests(HostApp host) : IClassFixture<HostApp>
{
    [Fact]
    public async Task Health_answers_200_Healthy()
    {
        using var client = host.App.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_workspaces_endpoint()
    {
        using var client = host.App.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        var paths = (await ApiClient.ReadAsync(response, HttpStatusCode.OK))["paths"]!.AsObject();

        var routes = HostEndpoints.Of(host.App).Where(e => e.Route.StartsWith("/api/workspaces", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.True(
            paths[route.Route] is JsonObject operations && operations.ContainsKey(route.Methods.ToLowerInvariant()),
            $"{route.Name} is not in /openapi/v1.json"));
    }

    [Fact]
    public async Task Every_API_operation_has_a_name_and_a_summary()
    {
        using var client = host.App.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        var paths = (await ApiClient.ReadAsync(response, HttpStatusCode.OK))["paths"]!.AsObject();

        var operations = paths.Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value as JsonObject)))
            .ToList();

        Assert.True(operations.Count > 50, $"only {operations.Count} operations");
        Assert.All(operations, o => Assert.True(
            o.Operation?["operationId"] is not null && o.Operation["summary"]?.GetValue<string>() is { Length: > 0 },
            $"{o.Method.ToUpperInvariant()} {o.Path} has no name or no summary"));
    }

    [Fact]
    public async Task Every_paged_list_shows_the_same_page_and_pageSize_parameters_and_answers_a_page_in_the_OpenAPI_document()
    {
        using var client = host.App.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        var document = await ApiClient.ReadAsync(response, HttpStatusCode.OK);

        var paged = PagedEndpoints().ToList();

        Assert.Superset(new HashSet<string> { "ListContacts", "SearchLeads", "ListDeliveries" }, paged.Select(p => p.Name).ToHashSet());
        Assert.All(paged, endpoint =>
        {
            var operation = document["paths"]![endpoint.Route]![endpoint.Method.ToLowerInvariant()]!;
            var query = operation["parameters"]!.AsArray().Where(p => p!["in"]!.GetValue<string>() == "query").ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);
            Assert.True(query.ContainsKey("page") && query.ContainsKey("pageSize"), $"{endpoint.Name} lacks page or pageSize: {string.Join(", ", query.Keys)}");
            Assert.All(new[] { query["page"], query["pageSize"] }, p => Assert.Contains("integer", p["schema"]!["type"]!.ToJsonString(), StringComparison.Ordinal));
            Assert.DoesNotContain("offset", query.Keys);
            Assert.DoesNotContain("limit", query.Keys);
            var answer = Resolve(document, operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!);
            Assert.Equal(["items", "page", "pageSize", "total"], answer["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        });
    }

    /// <summary>The routes whose handler takes the kernel's <see cref="PageRequest"/>, with the name each is known by.</summary>
    private IEnumerable<(string Name, string Method, string Route)> PagedEndpoints() =>
        host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<MethodInfo>()?.GetParameters().Any(p => p.ParameterType == typeof(PageRequest)) == true)
            .Select(e => (
                e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "",
                e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single(),
                e.RoutePattern.RawText!.Length > 1 ? e.RoutePattern.RawText.TrimEnd('/') : e.RoutePattern.RawText));

    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!
            : schema;

    [Theory]
    [InlineData("GET", "/api/nope")]
    [InlineData("GET", "/api/workspaces/nope")]
    [InlineData("POST", "/api/workspaces/sites/some-id/nope")]
    [InlineData("DELETE", "/api/nope/deeper")]
    public async Task An_unknown_API_path_is_a_404_problem(string method, string path)
    {
        using var client = await host.App.SignInAsAdminAsync();

        using var response = await client.SendAsync(new HttpMethod(method), path);

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/sites")]
    [InlineData("/sites/some-site/edit")]
    public async Task A_page_of_the_admin_SPA_is_answered_with_its_index_html(string path)
    {
        var index = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "spa", "index.html"));
        using var client = host.App.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(index, await response.Content.ReadAsStringAsync());
    }
}
