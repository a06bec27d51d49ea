using System.Net;
using Lookout.Host.Testing;
using Microsoft.Playwright;

namespace Lookout.Host.Tests.EndToEnd;

public sealed class InvitationTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private const string BobEmail = "bob@globex.example";
    private const string BobPassword = "bob-has-a-long-password";

    private LookoutApp _app = null!;

    public async Task InitializeAsync() => _app = await LookoutApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Admin_invites_a_user_of_another_workspace_who_accepts_and_switches_to_it()
    {
        // Bob has an account already, in a workspace of his own.
        using var owner = await _app.SignInAsAdminAsync();
        using (var created = await owner.PostAsync("/api/workspaces", new { name = "Globex" }))
        {
            owner.WorkspaceId = (await ApiClient.ReadAsync(created, HttpStatusCode.Created))["id"]!.GetValue<string>();
        }
        using (var added = await owner.PostAsync("/api/workspaces/users", new { email = BobEmail, displayName = "Bob", role = "Admin", password = BobPassword }))
        {
            await ApiClient.ReadAsync(added, HttpStatusCode.Created);
        }

        await using var adminContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseAddress.ToString() });
        var admin = await adminContext.NewPageAsync();
        await admin.SignInAsync();
        await admin.GetByLabel("Workspace").SelectOptionAsync(new SelectOptionValue { Label = "My workspace" });
        await admin.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await admin.GetByLabel("Email").FillAsync(BobEmail);
        await admin.GetByLabel("Display name").FillAsync("Bob");
        await admin.GetByLabel("Role").SelectOptionAsync("Operator");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await admin.GetByText($"Invitation sent to {BobEmail}; they join when they accept.").WaitForAsync();
        var pending = admin.GetByRole(AriaRole.Table, new() { Name = "Pending invitations" });
        await pending.GetByRole(AriaRole.Cell, new() { Name = BobEmail, Exact = true }).WaitForAsync();

        await using var bobContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseAddress.ToString() });
        var bob = await bobContext.NewPageAsync();
        await bob.SignInAsync(BobEmail, BobPassword);
        var invitations = bob.GetByRole(AriaRole.Region, new() { Name = "Your invitations" });
        await invitations.GetByText("invited you to My workspace as Operator.").WaitForAsync();
        Assert.Equal(["Globex"], await bob.GetByLabel("Workspace").Locator("option").AllInnerTextsAsync());

        await invitations.GetByRole(AriaRole.Button, new() { Name = "Accept the invitation to My workspace" }).ClickAsync();
        await bob.GetByText("You joined My workspace").WaitForAsync();
        await bob.GetByLabel("Workspace").SelectOptionAsync(new SelectOptionValue { Label = "My workspace" });

        await bob.GetByRole(AriaRole.Heading, new() { Name = "Sites" }).WaitForAsync();
        await bob.GetByRole(AriaRole.Cell, new() { Name = "My site", Exact = true }).WaitForAsync();

        // He is a member now, with the role he was invited with, and the invitation is gone.
        var session = await ApiClient.ReadAsync(await owner.GetAsync("/api/workspaces/me"), HttpStatusCode.OK);
        owner.WorkspaceId = session["workspaces"]!.AsArray().Single(w => w!["name"]!.GetValue<string>() == "My workspace")!["id"]!.GetValue<string>();
        var members = await ApiClient.ReadAsync(await owner.GetAsync("/api/workspaces/users"), HttpStatusCode.OK);
        Assert.Equal("Operator", members.AsArray().Single(m => m!["email"]!.GetValue<string>() == BobEmail)!["role"]!.GetValue<string>());
        var left = await ApiClient.ReadAsync(await owner.GetAsync("/api/workspaces/invitations"), HttpStatusCode.OK);
        Assert.Empty(left.AsArray());
    }
}
