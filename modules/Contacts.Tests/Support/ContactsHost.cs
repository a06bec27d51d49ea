using System.Net;
using System.Text.Json.Nodes;
using Lookout.Contacts.Contracts;
using Lookout.Host.Testing;
using Lookout.Kernel.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Contacts.Tests.Support;

/// <summary>A host whose triggers and wizard alerts are <see cref="FakeRecipientReferences"/>.</summary>
public abstract class ContactsHost(SqlDialect dialect) : HostOnDatabase(dialect, services: services => services
    .AddSingleton<FakeRecipientReferences>()
    .AddSingleton<IRecipientReferences>(sp => sp.GetRequiredService<FakeRecipientReferences>()));

public sealed class ContactsHostOnSqlite() : ContactsHost(SqlDialect.Sqlite);

public sealed class ContactsHostOnPostgreSql() : ContactsHost(SqlDialect.PostgreSql);

/// <summary>The base of the API tests that every database runs; each test works in a workspace of its own.</summary>
public abstract class ContactsApiTest(ContactsHost host)
{
    protected LookoutApp App => host.App;

    protected FakeRecipientReferences References => App.Services.GetRequiredService<FakeRecipientReferences>();

    protected Task<ApiClient> AdminOfNewWorkspaceAsync() => App.AdminOfNewWorkspaceAsync();

    protected static async Task<JsonNode> CreateContactAsync(ApiClient admin, string name, string? email = null, string? mobile = null, object? more = null)
    {
        var body = new JsonObject { ["name"] = name, ["email"] = email, ["mobile"] = mobile };
        if (more is not null)
        {
            foreach (var (key, value) in System.Text.Json.JsonSerializer.SerializeToNode(more, JsonOptions)!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
        }
        using var response = await admin.PostAsync("/api/contacts/contacts", body);
        return await ApiClient.ReadAsync(response, HttpStatusCode.Created);
    }

    protected static async Task<JsonNode> CreateListAsync(ApiClient admin, string name, params (string Kind, string Id)[] members)
    {
        using var response = await admin.PostAsync("/api/contacts/lists", new { name, members = members.Select(m => new { kind = m.Kind, id = m.Id }) });
        return await ApiClient.ReadAsync(response, HttpStatusCode.Created);
    }

    /// <summary>Adds a member to the admin's workspace; returns the user's id.</summary>
    protected static async Task<string> AddUserAsync(ApiClient admin, string displayName, string role = "SalesRep", string? email = null)
    {
        using var response = await admin.PostAsync("/api/workspaces/users", new
        {
            email = email ?? $"{displayName.ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}@example.com",
            displayName,
            role,
            password = MemberPassword,
        });
        return Id((await ApiClient.ReadAsync(response, HttpStatusCode.Created))["user"]!);
    }

    /// <summary>Adds a member with <see cref="MemberPassword"/> and signs them in, working in the admin's workspace.</summary>
    protected async Task<(ApiClient Client, string UserId)> SignedInMemberAsync(ApiClient admin, string displayName, string role = "SalesRep")
    {
        var email = $"{displayName.ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}@example.com";
        var id = await AddUserAsync(admin, displayName, role, email);
        var client = App.CreateClient();
        client.WorkspaceId = admin.WorkspaceId;
        await client.SignInAsync(email, MemberPassword);
        return (client, id);
    }

    /// <summary>Sets the signed-in user's own time zone and CSV preference.</summary>
    protected static async Task SetMyPreferencesAsync(ApiClient user, string? timeZone, object? csv)
    {
        using var response = await user.PutAsync("/api/workspaces/me/preferences", new { timeZone, csv });
        await ApiClient.ReadAsync(response, HttpStatusCode.OK);
    }

    protected static async Task<JsonNode> GetAsync(ApiClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await ApiClient.ReadAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Sets the region the admin's workspace reads numbers typed without a country code in ("": none).</summary>
    protected static async Task SetDefaultPhoneRegionAsync(ApiClient admin, string region)
    {
        using var response = await admin.PutAsync("/api/workspaces/settings", new { defaultPhoneRegion = region });
        await ApiClient.ReadAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Asserts a problem answer with <paramref name="expected"/>; returns the fields its errors name, sorted.</summary>
    protected static async Task<IReadOnlyList<string>> ProblemFieldsAsync(HttpResponseMessage response, HttpStatusCode expected) =>
        Problem.Fields(await Problem.ReadAsync(response, expected));

    protected static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    protected static string Text(JsonNode? node) => node!.GetValue<string>();

    protected const string MemberPassword = "a-long-password-1";

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);
}
