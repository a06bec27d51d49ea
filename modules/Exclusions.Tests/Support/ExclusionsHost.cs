using System.Net;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;
using Lookout.Kernel.Storage;

namespace Lookout.Exclusions.Tests.Support;

/// <summary>A host whose exclusion hits are flushed every 100 ms, so tests read counts soon after sending.</summary>
public abstract class ExclusionsHost(SqlDialect dialect)
    : HostOnDatabase(dialect, new Dictionary<string, string?> { ["Exclusions:HitFlushInterval"] = "00:00:00.100" });

public sealed class ExclusionsHostOnSqlite() : ExclusionsHost(SqlDialect.Sqlite);

public sealed class ExclusionsHostOnPostgreSql() : ExclusionsHost(SqlDialect.PostgreSql);

/// <summary>The base of the API tests that every database runs.</summary>
public abstract class ExclusionsApiTest(ExclusionsHost host)
{
    protected LookoutApp App => host.App;

    /// <summary>The first-run admin, signed in and working in a workspace created for this test.</summary>
    protected Task<ApiClient> AdminOfNewWorkspaceAsync() => App.AdminOfNewWorkspaceAsync();

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
    protected static async Task<IReadOnlyList<string>> ProblemFieldsAsync(HttpResponseMessage response, HttpStatusCode expected) =>
        Problem.Fields(await Problem.ReadAsync(response, expected));

    protected static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    protected static IEnumerable<string> Ids(JsonNode list) => list.AsArray().Select(e => Id(e!));
}
