using System.Net;
using Lookout.Host.Testing;
using Lookout.Outbox.Contracts;
using Lookout.Plugins.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Plugins.Sms.Tests.Settings;

/// <summary>
/// Where a workspace's SMS go is that workspace's business: its Admins may give it a gateway of its own, nobody else
/// can, and no sequence of calls by a member of another workspace (creating a workspace, adding users, saving
/// settings) changes it. Workspaces without their own use the installation's gateway.
/// </summary>
public sealed class SmsSettingsPerWorkspaceTests(LoopbackHttpTarget gateway) : IClassFixture<LoopbackHttpTarget>, IAsyncLifetime
{
    private const string Password = "per-workspace-1";
    private LookoutApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await LookoutApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Plugins:sms:AllowPrivateNetworks"] = "true",
            ["Plugins:sms:BaseUrl"] = gateway.UrlForStatus(400).ToString(),
            ["Plugins:sms:AccountSid"] = "ACinstallation",
            ["Plugins:sms:AuthToken"] = "installation-token",
            ["Plugins:sms:From"] = "+14155550100",
            ["Outbox:PollInterval"] = "00:00:00.100",
        });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_SalesRep_of_A_cannot_change_where_Bs_SMS_go_and_each_workspace_uses_its_own_or_the_installations()
    {
        using var owner = await _app.SignInAsAdminAsync();
        var workspaceA = owner.WorkspaceId ?? (await ReadAsync(owner.GetAsync("/api/workspaces")))[0]!["id"]!.GetValue<string>();
        using var salesRep = await MemberAsync(owner, "rep", "SalesRep");
        using var adminOfA = await MemberAsync(owner, "a-admin", "Admin");
        using var workspaceB = await _app.AdminOfNewWorkspaceAsync();
        using var adminOfB = await MemberAsync(workspaceB, "b-admin", "Admin");

        // Every way a SalesRep of A might reach B's gateway is refused.
        var bSettings = new { mode = "Twilio", baseUrl = "https://attacker.example.com", accountSid = "ACattacker", authToken = "stolen", from = "+14155550666" };
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(salesRep.PostAsync("/api/workspaces", new { name = "Mine" })));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(salesRep.PostAsync("/api/workspaces/users", new { email = $"x.{Guid.NewGuid():N}@example.com", displayName = "X", role = "Admin", password = Password })));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(salesRep.PutAsync("/api/plugins/sms/settings", bSettings)));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(salesRep.PutAsync("/api/plugins/sms/settings/installation", bSettings)));
        salesRep.WorkspaceId = workspaceB.WorkspaceId;
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(salesRep.PutAsync("/api/plugins/sms/settings", bSettings)));
        // Nor can an Admin of A, who is no installation owner.
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(adminOfA.PutAsync("/api/plugins/sms/settings/installation", bSettings)));
        adminOfA.WorkspaceId = workspaceB.WorkspaceId;
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(adminOfA.PutAsync("/api/plugins/sms/settings", bSettings)));

        // B's Admin gives B a gateway of its own; the form does not show B the installation's.
        var inherited = await ReadAsync(adminOfB.GetAsync("/api/plugins/sms/settings"));
        Assert.True(inherited["inherited"]!.GetValue<bool>());
        Assert.DoesNotContain("ACinstallation", inherited.ToJsonString(), StringComparison.Ordinal);
        var own = await ReadAsync(adminOfB.PutAsync("/api/plugins/sms/settings", new { mode = "Twilio", baseUrl = gateway.UrlForStatus(422).ToString(), accountSid = "ACbravo", authToken = "bravo-token", from = "+14155550199" }));
        Assert.False(own["inherited"]!.GetValue<bool>());
        Assert.Equal(["authToken"], own["secretsSet"]!.AsArray().Select(s => s!.GetValue<string>()));

        await EnqueueAsync(workspaceA, "to-a", "+14155550123");
        await EnqueueAsync(workspaceB.WorkspaceId!, "to-b", "+14155550124");

        await Lookout.Testing.Eventually.TrueAsync(() => gateway.Received.Count(r => r.Path.Contains("/Messages.json", StringComparison.Ordinal)) >= 2, "both SMS reached a gateway");
        var paths = gateway.Received.Select(r => r.Path).ToList();
        Assert.Contains("/status/400/2010-04-01/Accounts/ACinstallation/Messages.json", paths);
        Assert.Contains("/status/422/2010-04-01/Accounts/ACbravo/Messages.json", paths);
        Assert.DoesNotContain(paths, p => p.Contains("attacker", StringComparison.Ordinal));

        // B goes back to the installation's gateway.
        var reset = await ReadAsync(adminOfB.DeleteAsync("/api/plugins/sms/settings"));
        Assert.True(reset["inherited"]!.GetValue<bool>());
    }

    private async Task<ApiClient> MemberAsync(ApiClient admin, string name, string role)
    {
        var email = $"{name}.{Guid.NewGuid():N}@example.com";
        using (var added = await admin.PostAsync("/api/workspaces/users", new { email, displayName = name, role, password = Password }))
        {
            await ApiClient.ReadAsync(added, HttpStatusCode.Created);
        }
        var client = _app.CreateClient();
        client.WorkspaceId = admin.WorkspaceId;
        await client.SignInAsync(email, Password);
        return client;
    }

    private Task<bool> EnqueueAsync(string workspaceId, string key, string number) =>
        _app.Services.GetRequiredService<IOutbox>().EnqueueAsync(
            new OutboxMessage(workspaceId, key, "sms", OutboxRecipients.To(Recipient.At(number)), "Lookout alert", "Someone is on /pricing"),
            CancellationToken.None);

    private static async Task<HttpStatusCode> StatusAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return response.StatusCode;
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> ReadAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return await ApiClient.ReadAsync(response, HttpStatusCode.OK);
    }
}
