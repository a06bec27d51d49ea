using Lookout.Host.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Host.Tests.Api;

/// <summary>One route of the running host, named like <c>PUT /api/workspaces/sites/{id}</c> (<c>*</c> when any method matches).</summary>
public sealed record HostEndpoint(string Methods, string Route)
{
    public string Name => $"{Methods} {Route}";

    /// <summary>POST, PUT or PATCH: the methods that carry a body.</summary>
    public bool TakesBody => Methods.Split(',').Any(m => m is "POST" or "PUT" or "PATCH");
}

public static class HostEndpoints
{
    /// <summary>Every route the host maps, as its endpoint data source lists them; a group's root loses its trailing slash.</summary>
    public static IReadOnlyList<HostEndpoint> Of(LookoutApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => new HostEndpoint(
                e.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 } methods ? string.Join(',', methods.HttpMethods) : "*",
                e.RoutePattern.RawText is { Length: > 1 } raw ? raw.TrimEnd('/') : e.RoutePattern.RawText ?? ""))
            .Distinct()
            .ToList();
}

/// <summary>One host on a fresh SQLite database, shared by the tests of a class.</summary>
public sealed class HostApp : IAsyncLifetime
{
    public LookoutApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await LookoutApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
