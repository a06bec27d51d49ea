using System.Net;
using Lookout.Contacts.Contracts;
using Lookout.Contacts.Tests.Support;
using Lookout.Host.Testing;

namespace Lookout.Contacts.Tests.Lists;

public abstract class ListsApiTests(ContactsHost host) : ContactsApiTest(host)
{
    [Fact]
    public async Task A_list_holds_users_contacts_and_lists_in_the_order_given_with_their_names()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var rep = await AddUserAsync(admin, "Rita Rep");
        var contact = await CreateContactAsync(admin, "Acme", "acme@example.com");
        var inner = await CreateListAsync(admin, "Partners");

        var list = await CreateListAsync(admin, "Everyone", ("list", Id(inner)), ("user", rep), ("contact", Id(contact)));

        var read = await GetAsync(admin, $"/api/contacts/lists/{Id(list)}");
        Assert.Equal([("list", Id(inner), "Partners"), ("user", rep, "Rita Rep"), ("contact", Id(contact), "Acme")],
            read["members"]!.AsArray().Select(m => (Text(m!["kind"]), Id(m), Text(m["name"]))));
        Assert.Equal(3, read["memberCount"]!.GetValue<int>());
        Assert.Equal(["Everyone", "Partners"], (await GetAsync(admin, "/api/contacts/lists")).AsArray().Select(l => Text(l!["name"])));
    }

    [Fact]
    public async Task An_unknown_member_is_refused_naming_its_place_in_the_list()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var contact = await CreateContactAsync(admin, "Acme", "acme@example.com");

        using var response = await admin.PostAsync("/api/contacts/lists", new
        {
            name = "Broken",
            members = new object[] { new { kind = "contact", id = Id(contact) }, new { kind = "list", id = "no-such-list" }, new { kind = "user", id = "no-such-user" }, new { kind = "robot", id = "x" } },
        });

        Assert.Equal(["members[1].id", "members[2].id", "members[3].kind"], await ProblemFieldsAsync(response, HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("Team \u202Emaet")]
    [InlineData("Team\u2028")]
    public async Task A_list_name_with_control_bidi_or_separator_characters_is_refused_naming_name(string name)
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        using var response = await admin.PostAsync("/api/contacts/lists", new { name });

        Assert.Equal(["name"], await ProblemFieldsAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_list_cannot_contain_itself_even_through_other_lists()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var sales = await CreateListAsync(admin, "Sales");
        var europe = await CreateListAsync(admin, "Europe", ("list", Id(sales)));
        var france = await CreateListAsync(admin, "France", ("list", Id(europe)));

        using var itself = await admin.PutAsync($"/api/contacts/lists/{Id(sales)}", new { name = "Sales", members = new[] { new { kind = "list", id = Id(sales) } } });
        using var cycle = await admin.PutAsync($"/api/contacts/lists/{Id(sales)}", new { name = "Sales", members = new[] { new { kind = "list", id = Id(france) } } });

        var selfProblem = await Problem.ReadAsync(itself, HttpStatusCode.BadRequest);
        Assert.Equal(["members"], Problem.Fields(selfProblem));
        var cycleProblem = await Problem.ReadAsync(cycle, HttpStatusCode.BadRequest);
        Assert.Equal(["members"], Problem.Fields(cycleProblem));
        var message = Text(cycleProblem["errors"]!["members"]![0]);
        Assert.Contains("'France'", message, StringComparison.Ordinal);
        Assert.Contains("'Sales' → 'France' → 'Europe' → 'Sales'", message, StringComparison.Ordinal);
        Assert.Empty((await GetAsync(admin, $"/api/contacts/lists/{Id(sales)}"))["members"]!.AsArray());
    }

    [Fact]
    public async Task Renaming_a_list_and_replacing_its_members_is_not_a_cycle()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var inner = await CreateListAsync(admin, "Inner");
        var outer = await CreateListAsync(admin, "Outer", ("list", Id(inner)));

        using var response = await admin.PutAsync($"/api/contacts/lists/{Id(outer)}", new { name = "Outer renamed", members = new[] { new { kind = "list", id = Id(inner) } } });

        Assert.Equal("Outer renamed", Text((await ApiClient.ReadAsync(response, HttpStatusCode.OK))["name"]));
    }

    [Fact]
    public async Task Deleting_a_list_inside_another_or_named_by_a_trigger_is_refused_unless_the_references_go_too()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var inner = await CreateListAsync(admin, "Inner");
        var outer = await CreateListAsync(admin, "Outer", ("list", Id(inner)));
        References.Name(admin.WorkspaceId!, new RecipientTarget(RecipientKind.List, Id(inner)), new RecipientReference("trigger", "t9", "Returning visitor"));

        using (var refused = await admin.DeleteAsync($"/api/contacts/lists/{Id(inner)}"))
        {
            var problem = await Problem.ReadAsync(refused, HttpStatusCode.Conflict);
            Assert.Equal(["t9", Id(outer)], problem["references"]!.AsArray().Select(r => Id(r!)));
        }
        using (var deleted = await admin.DeleteAsync($"/api/contacts/lists/{Id(inner)}?removeReferences=true"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Empty((await GetAsync(admin, $"/api/contacts/lists/{Id(outer)}"))["members"]!.AsArray());
        Assert.Equal(["Outer"], (await GetAsync(admin, "/api/contacts/lists")).AsArray().Select(l => Text(l!["name"])));
    }
}

public sealed class ListsApiOnSqlite(ContactsHostOnSqlite host) : ListsApiTests(host), IClassFixture<ContactsHostOnSqlite>;

public sealed class ListsApiOnPostgreSql(ContactsHostOnPostgreSql host) : ListsApiTests(host), IClassFixture<ContactsHostOnPostgreSql>;
