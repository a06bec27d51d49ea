using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lookout.Host.Testing;
using Lookout.Outbox.Contracts;
using Lookout.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Host.Tests.Api;

/// <summary>
/// Two workspaces on one host: A, where the first-run admin works, and B, which a member of A created and the
/// admin does not belong to. B holds a site and a member who is in B only.
/// </summary>
public sealed class TwoWorkspaces : IAsyncLifetime
{
    private const string Password = "bravo-password-1";

    public LookoutApp App { get; private set; } = null!;

    /// <summary>The admin of A, sending A in <c>X-Workspace-Id</c>.</summary>
    public ApiClient IntruderInA { get; private set; } = null!;

    /// <summary>The same admin of A, sending B in <c>X-Workspace-Id</c>.</summary>
    public ApiClient IntruderInB { get; private set; } = null!;

    /// <summary>B's admin (also a member of A), working in B.</summary>
    public ApiClient OwnerOfB { get; private set; } = null!;

    public string WorkspaceB { get; private set; } = "";

    public string SiteOfB { get; private set; } = "";

    /// <summary>A user who belongs to B only.</summary>
    public string MemberOfB { get; private set; } = "";

    /// <summary>A visitor of B's site, identified as a lead of B.</summary>
    public string VisitorOfB { get; private set; } = "";

    public string LeadOfB { get; private set; } = "";

    public string ExclusionOfB { get; private set; } = "";

    public string ContactOfB { get; private set; } = "";

    public string ListOfB { get; private set; } = "";

    /// <summary>A CSV file B's owner uploaded for import.</summary>
    public string ImportOfB { get; private set; } = "";

    /// <summary>A dead letter in B's delivery log (its channel does not exist), which a resend would revive.</summary>
    public string DeliveryOfB { get; private set; } = "";

    /// <summary>B's invitation of a user of A (pending).</summary>
    public string InvitationOfB { get; private set; } = "";

    /// <summary>Ids, keys, names and addresses of B's that no answer to the intruder may contain.</summary>
    public IReadOnlyList<string> SecretsOfB { get; private set; } = [];

    public async Task InitializeAsync()
    {
        // B belongs to a user who is no installation owner: here anyone may create a workspace.
        App = await LookoutApp.StartAsync(settings: new Dictionary<string, string?> { ["Account:WhoMayCreateWorkspaces"] = "AnyUser" });
        IntruderInA = await App.SignInAsAdminAsync();
        var ownerEmail = $"owner.{Guid.NewGuid():N}@example.com";
        await ReadAsync(await IntruderInA.PostAsync("/api/workspaces/users", new { email = ownerEmail, displayName = "Owner", role = "SalesRep", password = Password }), HttpStatusCode.Created);

        OwnerOfB = App.CreateClient();
        await OwnerOfB.SignInAsync(ownerEmail, Password);
        var workspaceName = $"Bravo {Guid.NewGuid():N}";
        WorkspaceB = Id(await ReadAsync(await OwnerOfB.PostAsync("/api/workspaces", new { name = workspaceName }), HttpStatusCode.Created));
        OwnerOfB.WorkspaceId = WorkspaceB;
        var siteName = $"Bravo site {Guid.NewGuid():N}";
        var site = await ReadAsync(await OwnerOfB.PostAsync("/api/workspaces/sites", new { name = siteName, allowedOrigins = new[] { "https://bravo-secret.example.com" }, timeZone = "Europe/Paris" }), HttpStatusCode.Created);
        SiteOfB = Id(site);
        var memberEmail = $"bravo.{Guid.NewGuid():N}@example.com";
        var member = await ReadAsync(await OwnerOfB.PostAsync("/api/workspaces/users", new { email = memberEmail, displayName = "Bravo member", role = "Operator", password = Password }), HttpStatusCode.Created);
        MemberOfB = Id(member["user"]!);
        var inviteeEmail = $"invitee.{Guid.NewGuid():N}@example.com";
        await ReadAsync(await IntruderInA.PostAsync("/api/workspaces/users", new { email = inviteeEmail, displayName = "Invitee", role = "SalesRep", password = Password }), HttpStatusCode.Created);
        InvitationOfB = Id(await ReadAsync(await OwnerOfB.PostAsync("/api/workspaces/users", new { email = inviteeEmail, displayName = "Invitee", role = "Admin" }), HttpStatusCode.Accepted));
        await ReadAsync(await OwnerOfB.PutAsync("/api/plugins/sms/settings", new { mode = "Twilio", baseUrl = "https://sms.bravo-secret.example.com", accountSid = "AC4242", authToken = "bravo-token-secret", from = "+14155550199" }), HttpStatusCode.OK);

        var exclusionNote = $"bravo note {Guid.NewGuid():N}";
        ExclusionOfB = Id(await ReadAsync(await OwnerOfB.PostAsync("/api/exclusions", new { siteId = SiteOfB, kind = "Ip", pattern = "198.51.100.*", note = exclusionNote }), HttpStatusCode.Created));

        var contactName = $"Bravo contact {Guid.NewGuid():N}";
        var contactEmail = $"contact.{Guid.NewGuid():N}@bravo-secret.example.com";
        ContactOfB = Id(await ReadAsync(await OwnerOfB.PostAsync("/api/contacts/contacts", new { name = contactName, email = contactEmail, mobile = "+33612345678" }), HttpStatusCode.Created));
        var listName = $"Bravo list {Guid.NewGuid():N}";
        ListOfB = Id(await ReadAsync(await OwnerOfB.PostAsync("/api/contacts/lists", new { name = listName, members = new[] { new { kind = "contact", id = ContactOfB }, new { kind = "user", id = MemberOfB } } }), HttpStatusCode.Created));
        var importedName = $"Bravo import {Guid.NewGuid():N}";
        var upload = await ReadAsync(await OwnerOfB.PostAsync("/api/contacts/import", new StringContent($"Full name,E-mail\n{importedName},imported@bravo-secret.example.com\n", System.Text.Encoding.UTF8, "text/csv")), HttpStatusCode.OK);
        ImportOfB = upload["importId"]!.GetValue<string>();

        var alert = new OutboxMessage(WorkspaceB, "bravo-alert-key", "bravo-channel", OutboxRecipients.To(Recipient.At("alerts@bravo-secret.example.com")), "Bravo alert subject", "Bravo");
        await App.Services.GetRequiredService<IOutbox>().EnqueueAsync(alert, CancellationToken.None);
        DeliveryOfB = await EventuallyDeadDeliveryOfBAsync();

        VisitorOfB = $"bravo-visitor-{Guid.NewGuid():N}";
        var leadEmail = $"lead.{Guid.NewGuid():N}@bravo-secret.example.com";
        await TrackInBAsync(site["siteKey"]!.GetValue<string>(), leadEmail);
        LeadOfB = await EventuallyLeadOfBAsync();

        IntruderInB = await App.SignInAsAdminAsync();
        IntruderInB.WorkspaceId = WorkspaceB;
        SecretsOfB = [WorkspaceB, workspaceName, SiteOfB, site["siteKey"]!.GetValue<string>(), siteName, "bravo-secret.example.com", MemberOfB, memberEmail, "Bravo member", VisitorOfB, LeadOfB, leadEmail, ExclusionOfB, exclusionNote, "198.51.100.*", ContactOfB, contactName, contactEmail, "+33612345678", ListOfB, listName, ImportOfB, importedName, DeliveryOfB, "bravo-alert-key", "Bravo alert subject", InvitationOfB, "bravo-token-secret", "AC4242"];
    }

    private async Task TrackInBAsync(string siteKey, string leadEmail)
    {
        using var browser = new HttpClient { BaseAddress = App.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/collect")
        {
            Content = new StringContent(
                $$"""{"site":"{{siteKey}}","visitor":"{{VisitorOfB}}","events":[{"type":"pageview","pageId":"bravo-page-1","url":"https://bravo-secret.example.com/"},{"type":"identify","email":"{{leadEmail}}","name":"Bravo lead"}]}""",
                System.Text.Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", "https://bravo-secret.example.com");
        // A browser: bots (and clients with no user agent) are counted and dropped.
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
        using var response = await browser.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private async Task<string> EventuallyLeadOfBAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            var leads = (await ReadAsync(await OwnerOfB.GetAsync("/api/visitors/leads"), HttpStatusCode.OK))["items"]!.AsArray();
            // The lead is there and its visit is logged: the snapshot of B must not change under the test by itself.
            if (leads.Count > 0
                && (await ReadAsync(await OwnerOfB.GetAsync($"/api/visitors/leads/{Id(leads[0]!)}"), HttpStatusCode.OK))["visitors"]!.AsArray().Any(v => v!["visits"]!.AsArray().Count > 0))
            {
                return Id(leads[0]!);
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("B's lead was not created.");
    }

    private async Task<string> EventuallyDeadDeliveryOfBAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            var dead = await ReadAsync(await OwnerOfB.GetAsync("/api/outbox/deliveries?status=dead"), HttpStatusCode.OK);
            if (dead["items"]!.AsArray().Count > 0)
            {
                return Id(dead["items"]![0]!);
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("B's delivery did not become a dead letter.");
    }

    /// <summary>B as its owner sees it: workspaces, sites, members.</summary>
    public async Task<string> SnapshotOfBAsync()
    {
        var parts = new List<string>();
        foreach (var path in new[] { "/api/workspaces", "/api/workspaces/sites", "/api/workspaces/users", $"/api/workspaces/sites/{SiteOfB}", $"/api/workspaces/users/{MemberOfB}", $"/api/visitors/leads/{LeadOfB}", "/api/exclusions", $"/api/exclusions/{ExclusionOfB}", "/api/contacts/contacts", $"/api/contacts/contacts/{ContactOfB}", "/api/contacts/lists", $"/api/contacts/lists/{ListOfB}", $"/api/outbox/deliveries/{DeliveryOfB}", "/api/workspaces/invitations", "/api/plugins/sms/settings", "/api/workspaces/settings" })
        {
            parts.Add((await ReadAsync(await OwnerOfB.GetAsync(path), HttpStatusCode.OK)).ToJsonString());
        }
        return string.Join('\n', parts);
    }

    public async Task DisposeAsync()
    {
        IntruderInA.Dispose();
        IntruderInB.Dispose();
        OwnerOfB.Dispose();
        await App.DisposeAsync();
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            return await ApiClient.ReadAsync(response, expected);
        }
    }

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();
}

/// <summary>
/// "A user of workspace A can never read or change workspace B", checked on every route the host maps. Each
/// route needs a probe below; a new route without one fails the test, so the check grows with the API.
/// </summary>
public sealed class WorkspaceIsolationTests(TwoWorkspaces workspaces) : IClassFixture<TwoWorkspaces>
{
    /// <summary>How the intruder calls a route. <see cref="InWorkspace"/> is for every route scoped by <c>X-Workspace-Id</c>.</summary>
    private abstract record Probe;

    /// <summary>
    /// A workspace-scoped route: called with B in <c>X-Workspace-Id</c> and B's ids, then (when it takes an id) with
    /// A and B's ids; both must answer 404. <paramref name="Body"/> is valid, so nothing but the workspace can refuse it.
    /// </summary>
    private sealed record InWorkspace(Func<TwoWorkspaces, string>? IdOfB = null, object? Body = null, Func<TwoWorkspaces, IReadOnlyDictionary<string, string>>? IdsOfB = null) : Probe
    {
        public IReadOnlyDictionary<string, string>? Ids(TwoWorkspaces w) =>
            IdsOfB?.Invoke(w) ?? (IdOfB is null ? null : new Dictionary<string, string> { ["{id}"] = IdOfB(w) });
    }

    /// <summary>A route outside any workspace: <paramref name="Call"/> exercises it and returns the answer's body.</summary>
    private sealed record OutsideWorkspaces(string Why, Func<TwoWorkspaces, Task<string>> Call) : Probe;

    private static readonly Dictionary<string, Probe> Probes = new()
    {
        ["GET /api/workspaces/settings"] = new InWorkspace(),
        ["PUT /api/workspaces/settings"] = new InWorkspace(Body: new { defaultPhoneRegion = "FR" }),
        ["GET /api/workspaces/sites"] = new InWorkspace(),
        ["GET /api/workspaces/sites/{id}"] = new InWorkspace(w => w.SiteOfB),
        ["POST /api/workspaces/sites"] = new InWorkspace(Body: new { name = "Planted", timeZone = "Etc/UTC" }),
        ["PUT /api/workspaces/sites/{id}"] = new InWorkspace(w => w.SiteOfB, new { name = "Renamed", timeZone = "Etc/UTC" }),
        ["DELETE /api/workspaces/sites/{id}"] = new InWorkspace(w => w.SiteOfB),
        ["GET /api/workspaces/users"] = new InWorkspace(),
        ["GET /api/workspaces/users/{id}"] = new InWorkspace(w => w.MemberOfB),
        ["POST /api/workspaces/users"] = new InWorkspace(Body: new { email = "planted@example.com", displayName = "Planted", role = "Admin", password = "planted-password" }),
        ["PUT /api/workspaces/users/{id}"] = new InWorkspace(w => w.MemberOfB, new { displayName = "Renamed", role = "SalesRep" }),
        ["DELETE /api/workspaces/users/{id}"] = new InWorkspace(w => w.MemberOfB),

        ["GET /api/workspaces"] = new OutsideWorkspaces("lists the caller's own workspaces", w => BodyAsync(w.IntruderInB.GetAsync("/api/workspaces"), HttpStatusCode.OK)),
        ["POST /api/workspaces"] = new OutsideWorkspaces("creates a workspace for the caller", w => BodyAsync(w.IntruderInB.PostAsync("/api/workspaces", new { name = "Intruder's own" }), HttpStatusCode.Created)),
        ["GET /api/workspaces/me"] = new OutsideWorkspaces("the caller's session", w => BodyAsync(w.IntruderInB.GetAsync("/api/workspaces/me"), HttpStatusCode.OK)),
        ["GET /api/workspaces/me/preferences"] = new OutsideWorkspaces("the caller's own preferences", w => BodyAsync(w.IntruderInB.GetAsync("/api/workspaces/me/preferences"), HttpStatusCode.OK)),
        ["PUT /api/workspaces/me/preferences"] = new OutsideWorkspaces("the caller's own preferences", w => BodyAsync(w.IntruderInB.PutAsync("/api/workspaces/me/preferences", new { timeZone = (string?)null, csv = new { } }), HttpStatusCode.OK)),
        ["POST /api/workspaces/login"] = new OutsideWorkspaces("anonymous", SignInWithBSelectedAsync),
        ["POST /api/workspaces/logout"] = new OutsideWorkspaces("ends the caller's session", SignOutWithBSelectedAsync),
        ["GET /api/workspaces/antiforgery"] = new OutsideWorkspaces("anonymous", w => BodyAsync(w.IntruderInB.GetAsync("/api/workspaces/antiforgery"), HttpStatusCode.OK)),
        ["GET /api/modules"] = new OutsideWorkspaces("the host's module list", w => BodyAsync(w.IntruderInB.GetAsync("/api/modules"), HttpStatusCode.OK)),
        ["GET /api/plugins"] = new InWorkspace(),
        // Plugin settings are host-wide (every workspace's deliveries use them): any workspace's Admin reads and saves them.
        ["GET /api/plugins/{id}/settings"] = new OutsideWorkspaces("the selected workspace's own settings of a plugin (id: the plugin's): refused with B selected", w => BodyAsync(w.IntruderInB.GetAsync("/api/plugins/sms/settings"), HttpStatusCode.NotFound)),
        ["PUT /api/plugins/{id}/settings"] = new OutsideWorkspaces("the selected workspace's own settings of a plugin: refused with B selected", w => BodyAsync(w.IntruderInB.PutAsync("/api/plugins/sms/settings", new { mode = "Twilio", baseUrl = "https://intruder.example.com", accountSid = "AC1", authToken = "t", from = "+14155550100" }), HttpStatusCode.NotFound)),
        ["DELETE /api/plugins/{id}/settings"] = new OutsideWorkspaces("the selected workspace's own settings of a plugin: refused with B selected", w => BodyAsync(w.IntruderInB.DeleteAsync("/api/plugins/sms/settings"), HttpStatusCode.NotFound)),
        ["GET /api/plugins/{id}/settings/installation"] = new OutsideWorkspaces("the installation's settings: installation owners only, not B's Admin", w => BodyAsync(w.OwnerOfB.GetAsync("/api/plugins/sms/settings/installation"), HttpStatusCode.Forbidden)),
        ["PUT /api/plugins/{id}/settings/installation"] = new OutsideWorkspaces("the installation's settings: installation owners only, not B's Admin", w => BodyAsync(w.OwnerOfB.PutAsync("/api/plugins/sms/settings/installation", new { baseUrl = "https://bravo-secret.example.com" }), HttpStatusCode.Forbidden)),
        ["GET /api/workspaces/invitations"] = new InWorkspace(),
        ["DELETE /api/workspaces/invitations/{id}"] = new InWorkspace(w => w.InvitationOfB),
        ["GET /api/workspaces/me/invitations"] = new OutsideWorkspaces("invitations to the caller's own email", w => BodyAsync(w.IntruderInB.GetAsync("/api/workspaces/me/invitations"), HttpStatusCode.OK)),
        ["POST /api/workspaces/me/invitations/{id}/accept"] = new OutsideWorkspaces("only an invitation to the caller's own email", w => BodyAsync(w.IntruderInB.PostAsync($"/api/workspaces/me/invitations/{w.InvitationOfB}/accept", new { }), HttpStatusCode.NotFound)),
        ["POST /api/workspaces/me/invitations/{id}/decline"] = new OutsideWorkspaces("only an invitation to the caller's own email", w => BodyAsync(w.IntruderInB.PostAsync($"/api/workspaces/me/invitations/{w.InvitationOfB}/decline", new { }), HttpStatusCode.NotFound)),
        ["PUT /api/workspaces/me/profile"] = new OutsideWorkspaces("the caller's own name", w => BodyAsync(w.IntruderInB.PutAsync("/api/workspaces/me/profile", new { displayName = "Admin" }), HttpStatusCode.OK)),
        ["PUT /api/workspaces/me/password"] = new OutsideWorkspaces("the caller's own password", w => BodyAsync(w.IntruderInB.PutAsync("/api/workspaces/me/password", new { currentPassword = "not-the-password", newPassword = "whatever-it-is-1" }), HttpStatusCode.BadRequest)),
        ["GET /api/plugins/email/pickup"] = new InWorkspace(),
        ["GET /api/plugins/email/pickup/{name}"] = new InWorkspace(IdsOfB: _ => new Dictionary<string, string> { ["{name}"] = "0123456789abcdef0123456789abcdef.eml" }),
        ["POST /api/plugins/attachments/preview"] = new InWorkspace(Body: new { format = "txt", template = "Hello {{name}}", sampleData = new { name = "Ann" } }),
        ["* /health"] = new OutsideWorkspaces("anonymous", w => BodyAsync(w.IntruderInB.GetAsync("/health"), HttpStatusCode.OK)),
        ["GET /openapi/{documentName}.json"] = new OutsideWorkspaces("anonymous", w => BodyAsync(w.IntruderInB.GetAsync("/openapi/v1.json"), HttpStatusCode.OK)),
        ["GET /api/exclusions"] = new InWorkspace(),
        ["GET /api/exclusions/countries"] = new InWorkspace(),
        ["GET /api/exclusions/{id}"] = new InWorkspace(w => w.ExclusionOfB),
        ["POST /api/exclusions"] = new InWorkspace(Body: new { kind = "Ip", pattern = "203.0.113.9" }),
        ["PUT /api/exclusions/{id}"] = new InWorkspace(w => w.ExclusionOfB, new { kind = "Ip", pattern = "203.0.113.9" }),
        ["DELETE /api/exclusions/{id}"] = new InWorkspace(w => w.ExclusionOfB),
        ["POST /api/exclusions/test"] = new InWorkspace(Body: new { siteId = "any-site", ip = "198.51.100.7" }),
        ["GET /api/contacts/contacts"] = new InWorkspace(),
        ["GET /api/contacts/contacts/{id}"] = new InWorkspace(w => w.ContactOfB),
        ["POST /api/contacts/contacts"] = new InWorkspace(Body: new { name = "Planted", email = "planted@example.com" }),
        ["PUT /api/contacts/contacts/{id}"] = new InWorkspace(w => w.ContactOfB, new { name = "Renamed", email = "renamed@example.com" }),
        ["DELETE /api/contacts/contacts/{id}"] = new InWorkspace(w => w.ContactOfB),
        ["POST /api/contacts/contacts/transfer"] = new InWorkspace(Body: new { contactIds = new[] { "any-contact" }, targetWorkspaceId = "any-workspace", move = true }),
        ["GET /api/contacts/lists"] = new InWorkspace(),
        ["GET /api/contacts/lists/{id}"] = new InWorkspace(w => w.ListOfB),
        ["POST /api/contacts/lists"] = new InWorkspace(Body: new { name = "Planted", members = Array.Empty<object>() }),
        ["PUT /api/contacts/lists/{id}"] = new InWorkspace(w => w.ListOfB, new { name = "Renamed", members = Array.Empty<object>() }),
        ["DELETE /api/contacts/lists/{id}"] = new InWorkspace(w => w.ListOfB),
        ["POST /api/contacts/import"] = new InWorkspace(Body: new StringContent("Full name,E-mail\nPlanted,planted@example.com\n", System.Text.Encoding.UTF8, "text/csv")),
        ["POST /api/contacts/import/{id}/preview"] = new InWorkspace(w => w.ImportOfB, new { mapping = new { name = "Full name", email = "E-mail" } }),
        ["POST /api/contacts/import/{id}/run"] = new InWorkspace(w => w.ImportOfB, new { mapping = new { name = "Full name", email = "E-mail" }, duplicatePolicy = "update" }),
        ["GET /api/contacts/export"] = new InWorkspace(),
        ["GET /api/contacts/recipients"] = new InWorkspace(),
        ["POST /api/contacts/recipients/validate"] = new InWorkspace(Body: new { adHoc = new[] { "someone@example.com" }, cc = "" }),
        ["POST /api/contacts/recipients/resolve"] = new InWorkspace(Body: new { entries = new[] { new { kind = "me" } } }),
        ["GET /api/outbox/deliveries"] = new InWorkspace(),
        ["GET /api/outbox/deliveries/{id}"] = new InWorkspace(w => w.DeliveryOfB),
        ["POST /api/outbox/deliveries/{id}/resend"] = new InWorkspace(w => w.DeliveryOfB),
        ["GET /api/visitors/live"] = new InWorkspace(),
        ["GET /api/visitors/{siteId}/{visitorId}"] = new InWorkspace(IdsOfB: w => new Dictionary<string, string> { ["{siteId}"] = w.SiteOfB, ["{visitorId}"] = w.VisitorOfB }),
        ["GET /api/visitors/leads"] = new InWorkspace(),
        ["GET /api/visitors/leads/{id}"] = new InWorkspace(w => w.LeadOfB),
        ["PUT /api/visitors/leads/{id}"] = new InWorkspace(w => w.LeadOfB, new { ownerUserId = "", tags = new[] { "planted" } }),
        ["POST /collect"] = new OutsideWorkspaces("tracked browsers: the site key names the site", w => BodyAsync(w.App.CreateClient().PostAsync("/collect", new { site = "unknown-site-key-0000", visitor = "intruder-visitor-0000", events = Array.Empty<object>() }), HttpStatusCode.BadRequest)),
        ["OPTIONS /collect"] = new OutsideWorkspaces("CORS preflight of tracked browsers", w => BodyAsync(w.App.CreateClient().SendAsync(HttpMethod.Options, "/collect"), HttpStatusCode.NoContent)),
        ["GET /lookout.js"] = new OutsideWorkspaces("the tracker script", w => BodyAsync(w.App.CreateClient().GetAsync("/lookout.js"), HttpStatusCode.OK)),
        ["GET /demo/{**page}"] = new OutsideWorkspaces("the demo shop, tracked with the host's first site (workspace A's)", w => BodyAsync(w.App.CreateClient().GetAsync("/demo/"), HttpStatusCode.OK)),
        ["* /hubs/live"] = new OutsideWorkspaces("the live view hub: joins only a workspace the caller belongs to", w => BodyAsync(w.IntruderInB.GetAsync("/hubs/live"), HttpStatusCode.BadRequest)),
        ["* /hubs/live/negotiate"] = new OutsideWorkspaces("SignalR's handshake, before any workspace is named", w => BodyAsync(w.IntruderInB.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null), HttpStatusCode.OK)),
        ["GET /api/workspaces/operators/online"] = new InWorkspace(),
        ["* /hubs/operators"] = new OutsideWorkspaces("the operators' hub: joins only a workspace the caller belongs to", w => BodyAsync(w.IntruderInB.GetAsync("/hubs/operators"), HttpStatusCode.BadRequest)),
        ["* /hubs/operators/negotiate"] = new OutsideWorkspaces("SignalR's handshake, before any workspace is named", w => BodyAsync(w.IntruderInB.PostAsync("/hubs/operators/negotiate?negotiateVersion=1", null), HttpStatusCode.OK)),
        ["* {**path:spa}"] = new OutsideWorkspaces("the admin SPA's pages", w => BodyAsync(w.IntruderInB.GetAsync($"/sites/{w.SiteOfB}"), HttpStatusCode.OK)),
        ["* /metrics"] = new OutsideWorkspaces("each host's meters for a scraper: counts, no workspace's data", w => BodyAsync(w.App.CreateClient().GetAsync("/metrics"), HttpStatusCode.OK)),
        ["GET /admin/orleans"] = OnlyInstallationOwners("/admin/orleans/"),
        ["GET /admin/orleans/index.html"] = OnlyInstallationOwners("/admin/orleans/index.html"),
        ["GET /admin/orleans/favicon.ico"] = OnlyInstallationOwners("/admin/orleans/favicon.ico"),
        ["GET /admin/orleans/index.min.js"] = OnlyInstallationOwners("/admin/orleans/index.min.js"),
        ["GET /admin/orleans/index.css"] = OnlyInstallationOwners("/admin/orleans/index.css"),
        ["GET /admin/orleans/fonts/{**path}"] = OnlyInstallationOwners("/admin/orleans/fonts/a.woff2"),
        ["GET /admin/orleans/img/{**path}"] = OnlyInstallationOwners("/admin/orleans/img/a.png"),
        ["GET /admin/orleans/version"] = OnlyInstallationOwners("/admin/orleans/version"),
        ["GET /admin/orleans/DashboardCounters"] = OnlyInstallationOwners("/admin/orleans/DashboardCounters"),
        ["GET /admin/orleans/ClusterStats"] = OnlyInstallationOwners("/admin/orleans/ClusterStats"),
        ["GET /admin/orleans/Reminders"] = OnlyInstallationOwners("/admin/orleans/Reminders"),
        ["GET /admin/orleans/Reminders/{page:int}"] = OnlyInstallationOwners("/admin/orleans/Reminders/1"),
        ["GET /admin/orleans/HistoricalStats/{*path}"] = OnlyInstallationOwners("/admin/orleans/HistoricalStats/127.0.0.1:11111@1"),
        ["GET /admin/orleans/SiloProperties/{*address}"] = OnlyInstallationOwners("/admin/orleans/SiloProperties/127.0.0.1:11111@1"),
        ["GET /admin/orleans/SiloMetadata/{*address}"] = OnlyInstallationOwners("/admin/orleans/SiloMetadata/127.0.0.1:11111@1"),
        ["GET /admin/orleans/SiloStats/{*address}"] = OnlyInstallationOwners("/admin/orleans/SiloStats/127.0.0.1:11111@1"),
        ["GET /admin/orleans/SiloCounters/{*address}"] = OnlyInstallationOwners("/admin/orleans/SiloCounters/127.0.0.1:11111@1"),
        ["GET /admin/orleans/GrainStats/{*grainName}"] = OnlyInstallationOwners("/admin/orleans/GrainStats/Lookout.Visitors.Grains.VisitorGrain"),
        ["GET /admin/orleans/TopGrainMethods"] = OnlyInstallationOwners("/admin/orleans/TopGrainMethods"),
        ["GET /admin/orleans/GrainState"] = OnlyInstallationOwners("/admin/orleans/GrainState?grainType=Lookout.Visitors.Grains.VisitorGrain&grainId=x"),
        ["GET /admin/orleans/LifecycleStages"] = OnlyInstallationOwners("/admin/orleans/LifecycleStages"),
        ["GET /admin/orleans/GrainTypes"] = OnlyInstallationOwners("/admin/orleans/GrainTypes"),
        ["GET /admin/orleans/Trace"] = OnlyInstallationOwners("/admin/orleans/Trace"),
    };

    /// <summary>A route of the Orleans Dashboard, which sees every workspace's grains: B's Admin, no installation owner, is refused it.</summary>
    private static OutsideWorkspaces OnlyInstallationOwners(string path) =>
        new("the Orleans Dashboard sees every workspace: installation owners only", w => BodyAsync(w.OwnerOfB.GetAsync(path), HttpStatusCode.Forbidden));

    [Fact]
    public async Task A_member_of_workspace_A_never_reads_or_changes_workspace_B_through_any_route()
    {
        var before = await workspaces.SnapshotOfBAsync();
        var failures = new List<string>();
        var exercised = new List<string>();

        foreach (var endpoint in HostEndpoints.Of(workspaces.App))
        {
            if (!Probes.TryGetValue(endpoint.Name, out var probe))
            {
                failures.Add($"{endpoint.Name}: no probe; add one to {nameof(WorkspaceIsolationTests)}.{nameof(Probes)}");
                continue;
            }
            exercised.Add(endpoint.Name);
            failures.AddRange(await RunAsync(endpoint, probe));
        }

        Assert.Empty(failures);
        Assert.Equal(Probes.Keys.Order(StringComparer.Ordinal), exercised.Order(StringComparer.Ordinal));
        Assert.Equal(before, await workspaces.SnapshotOfBAsync());
    }

    private async Task<IEnumerable<string>> RunAsync(HostEndpoint endpoint, Probe probe)
    {
        switch (probe)
        {
            case OutsideWorkspaces outside:
                try
                {
                    return Leaks(endpoint, "", await outside.Call(workspaces));
                }
                catch (HttpRequestException e)
                {
                    return [$"{endpoint.Name}: {e.Message}"];
                }
            case InWorkspace scoped:
                var method = new HttpMethod(endpoint.Methods.Split(',')[0]);
                var parameters = Regex.Matches(endpoint.Route, "{[^}]*}").Select(m => m.Value).ToList();
                var ids = scoped.Ids(workspaces);
                if (parameters.Except(ids?.Keys ?? []).Any() || (parameters.Count > 0) != (ids is not null))
                {
                    return [$"{endpoint.Name}: its probe does not say what to put in {string.Join(", ", parameters)}"];
                }
                var path = ids is null ? endpoint.Route : ids.Aggregate(endpoint.Route, (route, id) => route.Replace(id.Key, id.Value, StringComparison.Ordinal));
                var failures = new List<string>();
                failures.AddRange(await ExpectNotFoundAsync(endpoint, "with B selected", workspaces.IntruderInB, method, path, scoped.Body));
                if (ids is not null)
                {
                    failures.AddRange(await ExpectNotFoundAsync(endpoint, "with A selected and B's id", workspaces.IntruderInA, method, path, scoped.Body));
                }
                else if (method == HttpMethod.Get)
                {
                    using var own = await workspaces.IntruderInA.GetAsync(path);
                    var body = await own.Content.ReadAsStringAsync();
                    failures.AddRange(own.IsSuccessStatusCode ? Leaks(endpoint, "with A selected", body) : [$"{endpoint.Name} with A selected: {(int)own.StatusCode} {body}"]);
                }
                return failures;
            default:
                throw new InvalidOperationException(probe.GetType().Name);
        }
    }

    private async Task<IEnumerable<string>> ExpectNotFoundAsync(HostEndpoint endpoint, string how, ApiClient client, HttpMethod method, string path, object? body)
    {
        using var response = await client.SendAsync(method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.NotFound || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return [$"{endpoint.Name} {how}: expected a 404 problem, got {(int)response.StatusCode} {text}"];
        }
        return Leaks(endpoint, how, text);
    }

    private IEnumerable<string> Leaks(HostEndpoint endpoint, string how, string body) =>
        workspaces.SecretsOfB.Where(secret => body.Contains(secret, StringComparison.OrdinalIgnoreCase))
            .Select(secret => $"{endpoint.Name} {how}: the answer shows B's \"{secret}\"");

    private static async Task<string> BodyAsync(Task<HttpResponseMessage> send, HttpStatusCode expected)
    {
        using var response = await send;
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == expected ? body : throw new HttpRequestException($"expected {(int)expected}, got {(int)response.StatusCode} {body}");
    }

    private static async Task<string> SignInWithBSelectedAsync(TwoWorkspaces w)
    {
        using var client = w.App.CreateClient();
        client.WorkspaceId = w.WorkspaceB;
        return (await client.SignInAsync(LookoutApp.AdminEmail, LookoutApp.AdminPassword)).ToJsonString();
    }

    private static async Task<string> SignOutWithBSelectedAsync(TwoWorkspaces w)
    {
        using var client = await w.App.SignInAsAdminAsync();
        client.WorkspaceId = w.WorkspaceB;
        return await BodyAsync(client.PostAsync("/api/workspaces/logout", null), HttpStatusCode.NoContent);
    }
}
