using System.Net;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;
using Lookout.Kernel.Storage;

namespace Lookout.Exclusions.Tests.Support;

/// <summary>
/// One running host on a fresh database, shared by the tests of a class; hits are flushed every 100 ms. Tests work
/// in workspaces of their own, so they do not see each other.
/// </summary>
public abstract class ExclusionsHost(SqlDialect dialect) : IAsyncLifetime
{
    public LookoutApp App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await LookoutApp.StartAsync(dialect, new Dictionary<string, string?> { ["Exclusions:HitFlushInterval"] = "00:00:00.100" });

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class ExclusionsHostOnSqlite() : ExclusionsHost(SqlDialect.Sqlite);

public sealed class ExclusionsHostOnPostgreSql() : ExclusionsHost(SqlDialect.PostgreSql);

/// <summary>The base of the API tests that every database runs.</summary>
public abstract class ExclusionsApiTest(ExclusionsHost host)
{
    protected LookoutApp App => host.App;

    /// <summary>The first-run admin, signed in and working in a workspace created for this test.</summary>
    protected async Task<ApiClient> AdminOfNewWorkspaceAsync()
    {
        var admin = await App.SignInAsAdminAsync();
        using var response = await admin.PostAsync("/api/workspaces", new { name = $"Workspace {Guid.NewGuid():N}" });
        admin.WorkspaceId = Id(await ApiClient.ReadAsync(response, HttpStatusCode.Created));
        return admin;
    }

    protected static async Task<string> CreateSiteAsync(ApiClient admin, string name)
    {
        using var response = await admin.PostAsync("/api/workspaces/sites", new { name, allowedOrigins = Array.Empty<string>(), timeZone = "Etc/UTC" });
        return Id(await ApiClient.ReadAsync(response, HttpStatusCode.Created));
    }

    protected static async Task<JsonNode> CreateExclusionAsync(ApiClient admin, string kind, string pattern, string? siteId = null, string? note = null, bool? enabled = null)
    {
        using var response = await admin.PostAsync("/api/exclusions", new { siteId, kind, pattern, note, enabled });
        return await ApiClient.ReadAsync(response, HttpStatusCode.Created);
    }

    protected static async Task<JsonNode> GetAsync(ApiClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await ApiClient.ReadAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Asserts a problem answer with <paramref name="expected"/>; returns the fields its errors name, sorted.</summary>
    protected static async Task<IReadOnlyList<string>> ProblemFieldsAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await ApiClient.ReadAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return problem["errors"]?.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal).ToList() ?? [];
    }

    protected static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    protected static IEnumerable<string> Ids(JsonNode list) => list.AsArray().Select(e => Id(e!));
}
