using System.Net;
using System.Text.Json.Nodes;
using Lookout.Kernel.Http;
using Lookout.Kernel.Paging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lookout.Kernel.Tests.Paging;

/// <summary>
/// The paging contract of every list endpoint, on a list of 60 numbers behind the kernel's pipeline: <c>page</c> and
/// <c>pageSize</c> with their defaults and bounds, a 400 naming the field otherwise, and the page object's fields.
/// </summary>
public sealed class PageRequestTests : IAsyncLifetime
{
    private const int Count = 60;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddRouting();
        builder.Services.AddProblemDetails();
        builder.Services.AddAntiforgery();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        _app = builder.Build();
        _app.UseLookoutApi();
        _app.MapGet("/numbers", Results<Ok<Page<int>>, ValidationProblem> ([AsParameters] PageRequest page) =>
        {
            var errors = page.AddErrors(new FieldErrors());
            if (errors.Any)
            {
                return errors.ToProblem();
            }
            var numbers = Enumerable.Range(1, Count).Skip((int)Math.Min(page.Skip, Count)).Take(page.Size).ToList();
            return TypedResults.Ok(page.Of<int>(numbers, Count));
        });
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
    public async Task Without_parameters_the_first_page_of_the_default_size_comes_with_the_total()
    {
        var page = await GetAsync("/numbers");

        Assert.Equal(Enumerable.Range(1, PageRequest.DefaultPageSize), page["items"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(Count, page["total"]!.GetValue<long>());
        Assert.Equal(1, page["page"]!.GetValue<int>());
        Assert.Equal(PageRequest.DefaultPageSize, page["pageSize"]!.GetValue<int>());
        Assert.Equal(["items", "total", "page", "pageSize"], page.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task A_later_page_starts_after_the_pages_before_it_and_the_last_one_holds_what_is_left()
    {
        var third = await GetAsync("/numbers?page=3&pageSize=10");
        var last = await GetAsync("/numbers?page=4&pageSize=16");

        Assert.Equal(Enumerable.Range(21, 10), third["items"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(3, third["page"]!.GetValue<int>());
        Assert.Equal(10, third["pageSize"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(49, 12), last["items"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(Count, last["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_and_still_tells_the_total()
    {
        var page = await GetAsync("/numbers?page=1000000&pageSize=200");

        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(Count, page["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_largest_page_size_is_taken_and_one_more_is_refused_naming_pageSize()
    {
        var largest = await GetAsync($"/numbers?pageSize={PageRequest.MaxPageSize}");
        var fields = await ProblemFieldsAsync($"/numbers?pageSize={PageRequest.MaxPageSize + 1}");

        Assert.Equal(Count, largest["items"]!.AsArray().Count);
        Assert.Equal(["pageSize"], fields);
    }

    [Theory]
    [InlineData("page=0", new[] { "page" })]
    [InlineData("page=-1&pageSize=10", new[] { "page" })]
    [InlineData("pageSize=0", new[] { "pageSize" })]
    [InlineData("page=0&pageSize=-5", new[] { "page", "pageSize" })]
    [InlineData("page=two", new[] { "page" })]
    [InlineData("pageSize=lots", new[] { "pageSize" })]
    [InlineData("page=99999999999", new[] { "page" })]
    [InlineData("page=1.5", new[] { "page" })]
    public async Task A_bad_page_or_page_size_is_a_400_problem_naming_the_field(string query, string[] expected)
    {
        Assert.Equal(expected, await ProblemFieldsAsync($"/numbers?{query}"));
    }

    private async Task<JsonNode> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<string[]> ProblemFieldsAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal).ToArray();
    }
}
