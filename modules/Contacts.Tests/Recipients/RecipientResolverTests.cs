using System.Net;
using Lookout.Contacts.Contracts;
using Lookout.Contacts.Tests.Support;
using Lookout.Host.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Contacts.Tests.Recipients;

public abstract class RecipientResolverTests(ContactsHost host) : ContactsApiTest(host)
{
    private IRecipientResolver Resolver => App.Services.GetRequiredService<IRecipientResolver>();

    private Task<RecipientResolution> ResolveAsync(ApiClient admin, RecipientContext context, params RecipientEntry[] entries) =>
        Resolver.ResolveAsync(admin.WorkspaceId!, new RecipientSpec(entries), context, CancellationToken.None);

    private static readonly RecipientContext NoContext = new(null, null, null);

    [Fact]
    public async Task Overlapping_lists_and_users_give_one_delivery_per_person_with_every_entry_that_named_them()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var annEmail = $"ann.{Guid.NewGuid():N}@example.com";
        var ann = await AddUserAsync(admin, "Ann", email: annEmail);
        var bob = await CreateContactAsync(admin, "Bob", "bob@example.com", "+33612345678", new { fallbackChannels = new[] { "sms" } });
        // The same person as the user Ann, known as a contact too.
        var annAsContact = await CreateContactAsync(admin, "Ann (contact card)", annEmail.ToUpperInvariant());
        var sales = await CreateListAsync(admin, "Sales", ("user", ann), ("contact", Id(bob)));
        var vip = await CreateListAsync(admin, "VIP", ("contact", Id(bob)), ("contact", Id(annAsContact)));

        var result = await ResolveAsync(admin, NoContext,
            RecipientEntry.List(Id(sales)), RecipientEntry.List(Id(vip)), RecipientEntry.User(ann), RecipientEntry.AdHoc("+33 6 12 34 56 78"), RecipientEntry.AdHoc("BOB@example.com"));

        Assert.Empty(result.Unreachable);
        Assert.Equal([$"email:{annEmail}", "email:bob@example.com"], result.Deliveries.Select(d => d.Key));
        var annDelivery = result.Deliveries[0];
        Assert.Equal("Ann", annDelivery.Name);
        // A user can also get a popup while online in the SPA; a contact cannot log in, so has no popup address.
        Assert.Equal([new ChannelAddress("email", annEmail), new ChannelAddress("popup", $"user:{ann}")], annDelivery.Addresses);
        Assert.Equal(ann, annDelivery.UserId);
        Assert.Equal(Id(annAsContact), annDelivery.ContactId);
        Assert.Equal([RecipientEntry.List(Id(sales)), RecipientEntry.List(Id(vip)), RecipientEntry.User(ann)], annDelivery.From);
        var bobDelivery = result.Deliveries[1];
        Assert.Equal([new ChannelAddress("email", "bob@example.com"), new ChannelAddress("sms", "+33612345678")], bobDelivery.Addresses);
        Assert.Equal([RecipientEntry.List(Id(sales)), RecipientEntry.List(Id(vip)), RecipientEntry.AdHoc("+33 6 12 34 56 78"), RecipientEntry.AdHoc("BOB@example.com")], bobDelivery.From);
    }

    [Fact]
    public async Task Nested_lists_resolve_to_the_members_of_every_level()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var deep = await CreateContactAsync(admin, "Deep", "deep@example.com");
        var middle = await CreateContactAsync(admin, "Middle", "middle@example.com");
        var inner = await CreateListAsync(admin, "Inner", ("contact", Id(deep)));
        var mid = await CreateListAsync(admin, "Mid", ("list", Id(inner)), ("contact", Id(middle)));
        var outer = await CreateListAsync(admin, "Outer", ("list", Id(mid)), ("list", Id(inner)));

        var result = await ResolveAsync(admin, NoContext, RecipientEntry.List(Id(outer)));

        Assert.Equal(["Middle", "Deep"], result.Deliveries.Select(d => d.Name));
        Assert.All(result.Deliveries, d => Assert.Equal([RecipientEntry.List(Id(outer))], d.From));
    }

    [Fact]
    public async Task Time_zone_and_CSV_preference_travel_with_each_delivery()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var me = Id((await GetAsync(admin, "/api/workspaces/me"))["user"]!);
        using var siteResponse = await admin.PostAsync("/api/workspaces/sites", new { name = "Shop", allowedOrigins = Array.Empty<string>(), timeZone = "Asia/Tokyo" });
        var site = Id(await ApiClient.ReadAsync(siteResponse, HttpStatusCode.Created));
        var contact = await CreateContactAsync(admin, "Paris office", "paris@example.com", more: new
        {
            timeZone = "Europe/Paris",
            csv = new { delimiter = ";", header = false, dateFormat = "dd/MM/yyyy", encoding = "utf-8-bom" },
        });

        var result = await ResolveAsync(admin, new RecipientContext(me, null, site), RecipientEntry.Contact(Id(contact)), RecipientEntry.Me, RecipientEntry.AdHoc("typed@example.com"));

        Assert.Equal(("Europe/Paris", new CsvPreference(";", false, "dd/MM/yyyy", "utf-8-bom")), (result.Deliveries[0].TimeZone, result.Deliveries[0].Csv));
        // The admin chose no time zone or CSV preference, and typed addresses have none: the site's zone stands in.
        Assert.Equal(("Asia/Tokyo", CsvPreference.Default), (result.Deliveries[1].TimeZone, result.Deliveries[1].Csv));
        Assert.Equal(me, result.Deliveries[1].UserId);
        Assert.Equal(("Asia/Tokyo", CsvPreference.Default), (result.Deliveries[2].TimeZone, result.Deliveries[2].Csv));
        Assert.Equal("Etc/UTC", (await ResolveAsync(admin, new RecipientContext(me, null, null), RecipientEntry.Me)).Deliveries[0].TimeZone);
    }

    [Fact]
    public async Task A_user_s_own_time_zone_and_CSV_preference_travel_with_their_deliveries()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        using var siteResponse = await admin.PostAsync("/api/workspaces/sites", new { name = "Shop", allowedOrigins = Array.Empty<string>(), timeZone = "Asia/Tokyo" });
        var site = Id(await ApiClient.ReadAsync(siteResponse, HttpStatusCode.Created));
        var (rep, repId) = await SignedInMemberAsync(admin, "Rep in Lisbon");
        using (rep)
        {
            await SetMyPreferencesAsync(rep, "Europe/Lisbon", new { delimiter = "\t", header = false, dateFormat = "dd.MM.yyyy HH:mm", encoding = "utf-8-bom" });
        }
        var (zoneOnly, zoneOnlyId) = await SignedInMemberAsync(admin, "Rep in Denver");
        using (zoneOnly)
        {
            await SetMyPreferencesAsync(zoneOnly, "America/Denver", new { });
        }
        var team = await CreateListAsync(admin, "Team", ("user", repId), ("user", zoneOnlyId));

        var direct = await ResolveAsync(admin, new RecipientContext(null, repId, site), RecipientEntry.LeadOwner);
        var viaList = await ResolveAsync(admin, new RecipientContext(null, null, site), RecipientEntry.List(Id(team)));

        var own = new CsvPreference("\t", false, "dd.MM.yyyy HH:mm", "utf-8-bom");
        Assert.Equal(("Europe/Lisbon", own), (direct.Deliveries[0].TimeZone, direct.Deliveries[0].Csv));
        Assert.Equal([(repId, "Europe/Lisbon", own), (zoneOnlyId, "America/Denver", CsvPreference.Default)],
            viaList.Deliveries.Select(d => (d.UserId, d.TimeZone, d.Csv)));
    }

    [Fact]
    public async Task The_lead_owner_is_used_when_there_is_one()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var owner = await AddUserAsync(admin, "Owner");

        var result = await ResolveAsync(admin, new RecipientContext(null, owner, null), RecipientEntry.LeadOwner);

        Assert.Equal([owner], result.Deliveries.Select(d => d.UserId));
        Assert.Null(result.OwnerFallback);
    }

    [Fact]
    public async Task Without_a_lead_owner_the_site_s_default_owner_stands_in_and_the_result_says_so()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var fallback = await AddUserAsync(admin, "Default owner");
        using var siteResponse = await admin.PostAsync("/api/workspaces/sites", new { name = "Shop", allowedOrigins = Array.Empty<string>(), timeZone = "Etc/UTC", defaultOwnerUserId = fallback });
        var site = Id(await ApiClient.ReadAsync(siteResponse, HttpStatusCode.Created));

        var result = await ResolveAsync(admin, new RecipientContext(null, null, site), RecipientEntry.LeadOwner);

        Assert.Equal([fallback], result.Deliveries.Select(d => d.UserId));
        Assert.Equal(OwnerFallback.SiteDefaultOwner, result.OwnerFallback!.To);
        Assert.Equal([fallback], result.OwnerFallback.UserIds);
        Assert.Contains("no owner", result.OwnerFallback.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_owner_or_a_default_owner_the_workspace_admins_stand_in_and_the_result_says_so()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var me = Id((await GetAsync(admin, "/api/workspaces/me"))["user"]!);
        var secondAdmin = await AddUserAsync(admin, "Second admin", "Admin");
        await AddUserAsync(admin, "Just a rep");
        var formerMember = "user-who-left";

        var result = await ResolveAsync(admin, new RecipientContext(null, formerMember, null), RecipientEntry.LeadOwner);

        Assert.Equal(OwnerFallback.WorkspaceAdmins, result.OwnerFallback!.To);
        Assert.Equal(new[] { me, secondAdmin }.Order(), result.Deliveries.Select(d => d.UserId!).Order());
        Assert.Equal(result.OwnerFallback.UserIds.Order(), result.Deliveries.Select(d => d.UserId!).Order());
        Assert.Contains("not a member", result.OwnerFallback.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recipients_with_nothing_usable_are_reported_with_the_reason_never_dropped()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var smsOnly = await CreateContactAsync(admin, "Email-only channel", mobile: "+33612345678", more: new { preferredChannel = "email" });
        var leaver = await AddUserAsync(admin, "Leaver");
        var list = await CreateListAsync(admin, "Team", ("user", leaver));
        using (var removed = await admin.DeleteAsync($"/api/workspaces/users/{leaver}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }
        using var other = await AdminOfNewWorkspaceAsync();
        var theirs = await CreateContactAsync(other, "Not ours", "theirs@example.com");

        var result = await ResolveAsync(admin, NoContext,
            RecipientEntry.Contact(Id(smsOnly)), RecipientEntry.List(Id(list)), RecipientEntry.Contact(Id(theirs)), RecipientEntry.AdHoc("nobody@"), RecipientEntry.Me);

        Assert.Empty(result.Deliveries);
        Assert.Equal(
        [
            (RecipientEntry.Contact(Id(smsOnly)), "Has no address for its channels (email)."),
            (RecipientEntry.List(Id(list)), "A user of list 'Team' is no longer a member of this workspace."),
            (RecipientEntry.Contact(Id(theirs)), "No such contact in this workspace."),
            (RecipientEntry.AdHoc("nobody@"), "Not a valid email address."),
            (RecipientEntry.Me, "There is no current user."),
        ], result.Unreachable.Select(u => (u.Entry, u.Reason)));
    }

    [Fact]
    public async Task Admins_preview_a_resolution_through_the_API()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var contact = await CreateContactAsync(admin, "Buyer", "buyer@example.com");

        using var response = await admin.PostAsync("/api/contacts/recipients/resolve", new
        {
            entries = new object[] { new { kind = "contact", id = Id(contact) }, new { kind = "me" }, new { kind = "leadOwner" }, new { kind = "adHoc", value = "x@example.com" } },
        });

        var result = await ApiClient.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(["Buyer", "x@example.com"], result["deliveries"]!.AsArray().Select(d => Text(d!["name"])).Where(n => n is "Buyer" or "x@example.com"));
        Assert.Equal("contact", Text(result["deliveries"]![0]!["from"]![0]!["kind"]));
        Assert.Equal("workspaceAdmins", Text(result["ownerFallback"]!["to"]));
        Assert.Empty(result["unreachable"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"entries": [{"kind": "contact"}]}""", "entries[0].id")]
    [InlineData("""{"entries": [{"kind": "adHoc"}]}""", "entries[0].value")]
    [InlineData("""{"entries": [{"kind": "robot"}]}""", "entries[0].kind")]
    [InlineData("""{"entries": [], "siteId": "no-such-site"}""", "siteId")]
    [InlineData("""{}""", "entries")]
    public async Task A_bad_resolve_request_is_refused_naming_the_field(string body, string field)
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        using var response = await admin.PostAsync("/api/contacts/recipients/resolve", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal([field], await ProblemFieldsAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task The_picker_finds_users_contacts_and_lists_with_an_email_or_a_member_count()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var user = await AddUserAsync(admin, "Sam Seller", email: $"sam.{Guid.NewGuid():N}@example.com");
        var contact = await CreateContactAsync(admin, "Sam's supplier", "supplies@example.com");
        var list = await CreateListAsync(admin, "Samples team", ("user", user), ("contact", Id(contact)));
        await CreateContactAsync(admin, "Unrelated", "other@example.com");

        var found = await GetAsync(admin, "/api/contacts/recipients?q=sam&limit=10");

        Assert.Equal(
            [("user", user, "Sam Seller"), ("contact", Id(contact), "Sam's supplier"), ("list", Id(list), "Samples team")],
            found.AsArray().Select(r => (Text(r!["kind"]), Id(r), Text(r["name"]))));
        Assert.Equal("supplies@example.com", Text(found[1]!["detail"]));
        Assert.Equal("2 members", Text(found[2]!["detail"]));
        Assert.Single((await GetAsync(admin, "/api/contacts/recipients?q=sam&limit=1")).AsArray());
    }

    [Fact]
    public async Task A_typed_national_number_is_read_in_the_workspace_s_default_region_when_checked_and_when_resolved()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        await SetDefaultPhoneRegionAsync(admin, "GB");

        using (var good = await admin.PostAsync("/api/contacts/recipients/validate", new { adHoc = new[] { "07400 123456", "+1 415 555 0100" }, cc = "" }))
        {
            Assert.Equal(["+447400123456", "+14155550100"], (await ApiClient.ReadAsync(good, HttpStatusCode.OK))["adHoc"]!.AsArray().Select(Text));
        }
        using (var bad = await admin.PostAsync("/api/contacts/recipients/validate", new { adHoc = new[] { "ok@example.com", "07400 12345" }, cc = "" }))
        {
            var problem = await Problem.ReadAsync(bad, HttpStatusCode.BadRequest);
            Assert.Equal(["adHoc[1]"], Problem.Fields(problem));
            Assert.StartsWith("Not a valid phone number for GB.", Text(problem["errors"]!["adHoc[1]"]![0]), StringComparison.Ordinal);
        }
        var resolved = await ResolveAsync(admin, NoContext, RecipientEntry.AdHoc("07400 123456"));
        var delivery = Assert.Single(resolved.Deliveries);
        Assert.Equal([new ChannelAddress("sms", "+447400123456")], delivery.Addresses);
        Assert.Equal("phone:+447400123456", delivery.Key);
    }

    [Fact]
    public async Task Without_a_default_region_a_typed_national_number_is_unreachable_with_the_reason()
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        var resolved = await ResolveAsync(admin, NoContext, RecipientEntry.AdHoc("07400 123456"));

        Assert.Empty(resolved.Deliveries);
        Assert.Equal("Add the country code (e.g. +44 for the United Kingdom) or set the workspace's default region.", Assert.Single(resolved.Unreachable).Reason);
    }

    [Fact]
    public async Task Typed_recipients_are_checked_one_by_one_and_the_CC_field_keeps_its_255_character_limit()
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        using (var good = await admin.PostAsync("/api/contacts/recipients/validate", new { adHoc = new[] { " Ann@Example.com ", "+1 (415) 555-0100" }, cc = "a@example.com; b@example.com" }))
        {
            var result = await ApiClient.ReadAsync(good, HttpStatusCode.OK);
            Assert.Equal(["ann@example.com", "+14155550100"], result["adHoc"]!.AsArray().Select(Text));
            Assert.Equal(["a@example.com", "b@example.com"], result["cc"]!.AsArray().Select(Text));
        }
        using (var bad = await admin.PostAsync("/api/contacts/recipients/validate", new { adHoc = new[] { "ok@example.com", "x@y", "12345", "ann@example.com\u2028bcc: eve@example.com" }, cc = "a@example.com\r\nBcc: eve@example.com" }))
        {
            Assert.Equal(["adHoc[1]", "adHoc[2]", "adHoc[3]", "cc"], await ProblemFieldsAsync(bad, HttpStatusCode.BadRequest));
        }
        var longCc = string.Join(", ", Enumerable.Range(0, 20).Select(i => $"person{i:00}@example.com"));
        using (var tooLong = await admin.PostAsync("/api/contacts/recipients/validate", new { adHoc = Array.Empty<string>(), cc = longCc }))
        {
            var problem = await Problem.ReadAsync(tooLong, HttpStatusCode.BadRequest);
            Assert.Equal(["cc"], Problem.Fields(problem));
            Assert.Contains("255", Text(problem["errors"]!["cc"]![0]), StringComparison.Ordinal);
        }
    }
}

public sealed class RecipientResolverOnSqlite(ContactsHostOnSqlite host) : RecipientResolverTests(host), IClassFixture<ContactsHostOnSqlite>;

public sealed class RecipientResolverOnPostgreSql(ContactsHostOnPostgreSql host) : RecipientResolverTests(host), IClassFixture<ContactsHostOnPostgreSql>;
