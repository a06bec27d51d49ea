using System.Net;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;

namespace Lookout.Workspaces.Tests.Support;

/// <summary>
/// The base of the tests that every database runs: a test class inherits it, and one subclass per dialect says
/// which <see cref="HostOnDatabase"/> to share.
/// </summary>
public abstract class WorkspacesApiTest(HostOnDatabase host)
{
    protected LookoutApp App => host.App;

    /// <summary>An address no other test uses: users are global, one login per email.</summary>
    protected static string NewEmail(string name) => $"{name}.{Guid.NewGuid():N}@example.com";

    /// <summary>The first-run admin, signed in and working in a workspace created for this test.</summary>
    protected Task<ApiClient> AdminOfNewWorkspaceAsync() => App.AdminOfNewWorkspaceAsync();

    /// <summary>Adds a member with a chosen password to the admin's workspace; returns the member.</summary>
    protected static async Task<JsonNode> AddMemberAsync(ApiClient admin, string email, string role, string password)
    {
        using var response = await admin.PostAsync("/api/workspaces/users", new { email, displayName = "Member", role, password });
        return (await ApiClient.ReadAsync(response, HttpStatusCode.Created))["user"]!;
    }

    /// <summary>A client signed in as <paramref name="email"/>, working in <paramref name="workspaceId"/>.</summary>
    protected async Task<ApiClient> SignInAsync(string email, string password, string? workspaceId = null)
    {
        var client = App.CreateClient();
        client.WorkspaceId = workspaceId;
        await client.SignInAsync(email, password);
        return client;
    }

    protected static async Task<JsonNode> GetAsync(ApiClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await ApiClient.ReadAsync(response, HttpStatusCode.OK);
    }

    protected static string Id(JsonNode node) => node["id"]!.GetValue<string>();
}
