using System.Net;
using System.Text.Json.Nodes;
using Lookout.Contacts.Contracts;
using Lookout.Contacts.Tests.Support;
using Lookout.Host.Testing;

namespace Lookout.Contacts.Tests.Transfer;

public abstract class TransferTests(ContactsHost host) : ContactsApiTest(host)
{
    private static async Task<JsonNode> TransferAsync(ApiClient admin, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await admin.PostAsync("/api/contacts/contacts/transfer", body);
        return expected == HttpStatusCode.OK ? await ApiClient.ReadAsync(response, expected) : await Problem.ReadAsync(response, expected);
    }

    private static async Task<IReadOnlyList<string>> NamesAsync(ApiClient client, string workspaceId)
    {
        var previous = client.WorkspaceId;
        client.WorkspaceId = workspaceId;
        var names = (await GetAsync(client, "/api/contacts/contacts"))["items"]!.AsArray().Select(c => Text(c!["name"])).ToList();
        client.WorkspaceId = previous;
        return names;
    }

    [Fact]
    public async Task An_admin_of_both_workspaces_copies_contacts_and_both_keep_them()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        using var target = await AdminOfNewWorkspaceAsync();
        var ann = await CreateContactAsync(admin, "Ann", "ann@example.com", more: new { timeZone = "Europe/Paris", tags = new[] { "vip" } });
        var bob = await CreateContactAsync(admin, "Bob", "bob@example.com");
        await CreateContactAsync(target, "Bob already there", "bob@example.com");

        var result = await TransferAsync(admin, new { contactIds = new[] { Id(ann), Id(bob) }, targetWorkspaceId = target.WorkspaceId, move = false });

        var copied = Assert.Single(result["transferred"]!.AsArray())!;
        Assert.Equal(Id(ann), Id(copied));
        Assert.NotEqual(Id(ann), Text(copied["targetId"]));
        Assert.Equal([Id(bob)], result["skipped"]!.AsArray().Select(s => Id(s!)));
        Assert.Equal(["Ann", "Bob"], await NamesAsync(admin, admin.WorkspaceId!));
        Assert.Equal(["Ann", "Bob already there"], await NamesAsync(target, target.WorkspaceId!));
        var copy = await GetAsync(target, $"/api/contacts/contacts/{Text(copied["targetId"])}");
        Assert.Equal(("Europe/Paris", "vip"), (Text(copy["timeZone"]), Text(copy["tags"]![0])));
    }

    [Fact]
    public async Task Moving_contacts_takes_them_out_of_the_source_and_its_lists_unless_something_names_them()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        using var target = await AdminOfNewWorkspaceAsync();
        var ann = await CreateContactAsync(admin, "Ann", "ann@example.com");
        var list = await CreateListAsync(admin, "Team", ("contact", Id(ann)));
        References.Name(admin.WorkspaceId!, new RecipientTarget(RecipientKind.Contact, Id(ann)), new RecipientReference("trigger", "t1", "Hot lead"));

        var refused = await TransferAsync(admin, new { contactIds = new[] { Id(ann) }, targetWorkspaceId = target.WorkspaceId, move = true }, HttpStatusCode.Conflict);
        Assert.Equal(["t1", Id(list)], refused["references"]!.AsArray().Select(r => Id(r!)));
        Assert.Equal(["Ann"], await NamesAsync(admin, admin.WorkspaceId!));

        var moved = await TransferAsync(admin, new { contactIds = new[] { Id(ann) }, targetWorkspaceId = target.WorkspaceId, move = true, removeReferences = true });

        Assert.Equal(Id(ann), Text(moved["transferred"]![0]!["targetId"]));
        Assert.Empty(await NamesAsync(admin, admin.WorkspaceId!));
        Assert.Equal(["Ann"], await NamesAsync(target, target.WorkspaceId!));
        Assert.Empty((await GetAsync(admin, $"/api/contacts/lists/{Id(list)}"))["members"]!.AsArray());
        using var gone = await admin.GetAsync($"/api/contacts/contacts/{Id(ann)}");
        await Problem.ReadAsync(gone, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_target_the_caller_does_not_belong_to_is_not_found_and_one_where_they_are_not_admin_is_forbidden()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var ann = await CreateContactAsync(admin, "Ann", "ann@example.com");
        // A workspace the first-run admin is only a sales rep of: created by them, then handed to an Admin who demoted them.
        using var creator = await App.SignInAsAdminAsync();
        using var created = await creator.PostAsync("/api/workspaces", new { name = "Owner's" });
        var ownersWorkspace = Id(await ApiClient.ReadAsync(created, HttpStatusCode.Created));
        creator.WorkspaceId = ownersWorkspace;
        var ownerEmail = $"owner.{Guid.NewGuid():N}@example.com";
        await AddUserAsync(creator, "Owner", "Admin", ownerEmail);
        using var owner = App.CreateClient();
        owner.WorkspaceId = ownersWorkspace;
        await owner.SignInAsync(ownerEmail, "a-long-password-1");
        var adminId = (await ApiClient.ReadAsync(await owner.GetAsync("/api/workspaces/users"), HttpStatusCode.OK)).AsArray()
            .Single(u => u!["email"]!.GetValue<string>() == LookoutApp.AdminEmail)!["id"]!.GetValue<string>();
        using (var demoted = await owner.PutAsync($"/api/workspaces/users/{adminId}", new { role = "SalesRep" }))
        {
            await ApiClient.ReadAsync(demoted, HttpStatusCode.OK);
        }

        await TransferAsync(admin, new { contactIds = new[] { Id(ann) }, targetWorkspaceId = "no-such-workspace" }, HttpStatusCode.NotFound);
        await TransferAsync(admin, new { contactIds = new[] { Id(ann) }, targetWorkspaceId = ownersWorkspace }, HttpStatusCode.Forbidden);
        Assert.Empty(await NamesAsync(owner, ownersWorkspace));
    }

    [Fact]
    public async Task Contacts_of_another_workspace_cannot_be_transferred_from_here()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        using var other = await AdminOfNewWorkspaceAsync();
        var theirs = await CreateContactAsync(other, "Theirs", "theirs@example.com");
        using var target = await AdminOfNewWorkspaceAsync();

        using var response = await admin.PostAsync("/api/contacts/contacts/transfer", new { contactIds = new[] { Id(theirs) }, targetWorkspaceId = target.WorkspaceId, move = true });

        Assert.Equal(["contactIds[0]"], await ProblemFieldsAsync(response, HttpStatusCode.BadRequest));
        Assert.Equal(["Theirs"], await NamesAsync(other, other.WorkspaceId!));
    }
}

public sealed class TransferOnSqlite(ContactsHostOnSqlite host) : TransferTests(host), IClassFixture<ContactsHostOnSqlite>;

public sealed class TransferOnPostgreSql(ContactsHostOnPostgreSql host) : TransferTests(host), IClassFixture<ContactsHostOnPostgreSql>;
