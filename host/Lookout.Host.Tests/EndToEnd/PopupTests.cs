using Lookout.Testing;
using System.Net;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;
using Lookout.Outbox.Contracts;
using Lookout.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lookout.Host.Tests.EndToEnd;

/// <summary>
/// Operators keep the admin app open; a popup sent through the outbox on the "popup" channel shows there as a toast,
/// to the operators of its workspace only. Who is online follows the open apps.
/// </summary>
public sealed class PopupTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private const string Password = "operator-password-1";

    private LookoutApp _app = null!;
    private ApiClient _admin = null!;

    public async Task InitializeAsync()
    {
        _app = await LookoutApp.StartAsync();
        _admin = await _app.SignInAsAdminAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_popup_sent_while_an_operators_app_is_open_shows_there_as_a_toast_and_markup_stays_text()
    {
        await using var context = await NewContextAsync();
        var page = await SignInAsync(context, LookoutApp.AdminEmail, LookoutApp.AdminPassword);
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };
        await page.GetByText("1 online").WaitForAsync();

        await SendPopupAsync(_admin.WorkspaceId!, "workspace", "Ann Smith from Acme is on the pricing page", "For 2 minutes, her third visit this week.");

        var toast = Toasts(page).GetByRole(AriaRole.Article, new() { Name = "Ann Smith from Acme is on the pricing page" });
        await toast.WaitForAsync(new() { Timeout = 5_000 });
        Assert.Contains("For 2 minutes, her third visit this week.", await toast.InnerTextAsync(), StringComparison.Ordinal);

        const string Hostile = "<img src=x onerror=\"window.__pwned=1\">";
        await SendPopupAsync(_admin.WorkspaceId!, "workspace", Hostile, "<script>window.__pwned=2</script>");

        await Toasts(page).GetByText(Hostile).WaitForAsync(new() { Timeout = 5_000 });
        await Toasts(page).GetByText("<script>window.__pwned=2</script>").WaitForAsync();
        Assert.Equal(0, await page.Locator(".toasts img, .toasts script").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        Assert.Equal(0, dialogs);
        await EventuallyAsync(async () => await DeliveryOfAsync(_admin, "Ann Smith from Acme is on the pricing page") is { } d && d["status"]!.GetValue<string>() == "delivered" ? d : null);
    }

    [Fact]
    public async Task Operators_are_online_while_their_app_is_open_and_everyone_online_sees_it()
    {
        var (operatorEmail, _) = await AddUserAsync(_admin, "Olga Operator", "Operator");
        await using var adminContext = await NewContextAsync();
        var adminPage = await SignInAsync(adminContext, LookoutApp.AdminEmail, LookoutApp.AdminPassword);
        await adminPage.GetByText("1 online").WaitForAsync();

        var operatorContext = await NewContextAsync();
        var operatorPage = await SignInAsync(operatorContext, operatorEmail, Password);

        await operatorPage.GetByText("2 online").WaitForAsync();
        await adminPage.GetByText("2 online").WaitForAsync(new() { Timeout = 5_000 });
        Assert.Equal(["Admin", "Olga Operator"], await OnlineAsync(_admin));

        await operatorContext.CloseAsync();

        await adminPage.GetByText("1 online").WaitForAsync(new() { Timeout = 5_000 });
        Assert.Equal(["Admin"], await OnlineAsync(_admin));
    }

    [Fact]
    public async Task An_operator_of_another_workspace_never_sees_this_workspaces_popups()
    {
        // The installation owner creates B and gives it an Admin of its own; B's operator belongs to B only.
        string workspaceB;
        using (var created = await _admin.PostAsync("/api/workspaces", new { name = "Bravo" }))
        {
            workspaceB = (await ApiClient.ReadAsync(created, HttpStatusCode.Created))["id"]!.GetValue<string>();
        }
        using var creator = await _app.SignInAsAdminAsync();
        creator.WorkspaceId = workspaceB;
        var (ownerEmail, _) = await AddUserAsync(creator, "Owner of B", "Admin");
        using var ownerOfB = _app.CreateClient();
        ownerOfB.WorkspaceId = workspaceB;
        await ownerOfB.SignInAsync(ownerEmail, Password);
        var (operatorOfBEmail, operatorOfB) = await AddUserAsync(ownerOfB, "Bravo operator", "Operator");

        await using var contextOfA = await NewContextAsync();
        var pageOfA = await SignInAsync(contextOfA, LookoutApp.AdminEmail, LookoutApp.AdminPassword);
        await pageOfA.GetByText("1 online").WaitForAsync();
        await using var contextOfB = await NewContextAsync();
        var pageOfB = await SignInAsync(contextOfB, operatorOfBEmail, Password);
        await pageOfB.GetByText("1 online").WaitForAsync();

        await SendPopupAsync(_admin.WorkspaceId!, "workspace", "For Alpha only", "Alpha's visitor");
        await SendPopupAsync(_admin.WorkspaceId!, $"user:{operatorOfB}", "Alpha to Bravo's operator", "Not a member of Alpha");
        await SendPopupAsync(ownerOfB.WorkspaceId!, "workspace", "For Bravo only", "Bravo's visitor");

        await Toasts(pageOfA).GetByRole(AriaRole.Article, new() { Name = "For Alpha only" }).WaitForAsync(new() { Timeout = 5_000 });
        await Toasts(pageOfB).GetByRole(AriaRole.Article, new() { Name = "For Bravo only" }).WaitForAsync(new() { Timeout = 5_000 });
        Assert.Equal(["For Bravo only"], await ToastTitlesAsync(pageOfB));
        Assert.Equal(["For Alpha only"], await ToastTitlesAsync(pageOfA));
        Assert.Equal(["Bravo operator"], await OnlineAsync(ownerOfB));
        Assert.Equal(["Admin"], await OnlineAsync(_admin));

        var refused = await EventuallyAsync(async () => await DeliveryOfAsync(_admin, "Alpha to Bravo's operator") is { } d && d["status"]!.GetValue<string>() == "dead" ? d : null);
        Assert.Equal($"User {operatorOfB} is not a member of this workspace.", refused["lastReason"]!.GetValue<string>());

        // The hub itself refuses a workspace its caller does not belong to, and keeps one they do.
        Assert.Equal("closed", await HubConnectionAsync(pageOfB, _admin.WorkspaceId!));
        Assert.Equal("open", await HubConnectionAsync(pageOfB, ownerOfB.WorkspaceId!));
    }

    [Fact]
    public async Task A_popup_nobody_is_online_for_is_retried_rather_than_lost()
    {
        using var emptyWorkspace = await _app.AdminOfNewWorkspaceAsync();

        await SendPopupAsync(emptyWorkspace.WorkspaceId!, "workspace", "Nobody is watching", "Yet");

        var retrying = await EventuallyAsync(async () => await DeliveryOfAsync(emptyWorkspace, "Nobody is watching") is { } d && d["status"]!.GetValue<string>() == "retrying" ? d : null);
        Assert.Equal("No operator is online in this workspace.", retrying["lastReason"]!.GetValue<string>());
    }

    private Task<IBrowserContext> NewContextAsync() =>
        chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseAddress.ToString() });

    private static async Task<IPage> SignInAsync(IBrowserContext context, string email, string password)
    {
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, password);
        return page;
    }

    private static ILocator Toasts(IPage page) => page.GetByRole(AriaRole.Status, new() { Name = "Popups" });

    private static async Task<IReadOnlyList<string>> ToastTitlesAsync(IPage page)
    {
        var titles = new List<string>();
        foreach (var toast in await Toasts(page).GetByRole(AriaRole.Article).AllAsync())
        {
            titles.Add(await toast.GetAttributeAsync("aria-label") ?? "");
        }
        return titles;
    }

    private async Task SendPopupAsync(string workspaceId, string address, string title, string text)
    {
        var message = new OutboxMessage(workspaceId, $"popup-test:{Guid.NewGuid():N}", "popup", OutboxRecipients.To(Recipient.At(address)), title, text);
        Assert.True(await _app.Services.GetRequiredService<IOutbox>().EnqueueAsync(message, CancellationToken.None));
    }

    private static async Task<(string Email, string Id)> AddUserAsync(ApiClient admin, string displayName, string role)
    {
        var email = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@example.com";
        using var response = await admin.PostAsync("/api/workspaces/users", new { email, displayName, role, password = Password });
        return (email, (await ApiClient.ReadAsync(response, HttpStatusCode.Created))["user"]!["id"]!.GetValue<string>());
    }

    private static async Task<IReadOnlyList<string>> OnlineAsync(ApiClient client)
    {
        using var response = await client.GetAsync("/api/workspaces/operators/online");
        return (await ApiClient.ReadAsync(response, HttpStatusCode.OK)).AsArray().Select(o => o!["displayName"]!.GetValue<string>()).ToList();
    }

    private static async Task<JsonNode?> DeliveryOfAsync(ApiClient client, string subject)
    {
        using var response = await client.GetAsync("/api/outbox/deliveries?channel=popup");
        return (await ApiClient.ReadAsync(response, HttpStatusCode.OK))["items"]!.AsArray().FirstOrDefault(d => d!["subject"]!.GetValue<string>() == subject);
    }

    /// <summary>Opens a bare SignalR WebSocket to the operators' hub from the page (its cookie goes along): "closed" when the hub drops it, "open" when it keeps it.</summary>
    private static Task<string> HubConnectionAsync(IPage page, string workspaceId) => page.EvaluateAsync<string>(
        """
        workspace => new Promise(resolve => {
          const socket = new WebSocket(`${location.origin.replace('http', 'ws')}/hubs/operators?workspace=${encodeURIComponent(workspace)}`);
          socket.onopen = () => socket.send('{"protocol":"json","version":1}\u001e');
          socket.onmessage = event => { if (String(event.data).includes('"type":7')) resolve('closed'); };
          socket.onclose = () => resolve('closed');
          setTimeout(() => { resolve('open'); socket.close(); }, 1500);
        })
        """,
        workspaceId);

    private static Task<JsonNode> EventuallyAsync(Func<Task<JsonNode?>> probe) => Eventually.FoundAsync(probe, "the delivery reaches the expected state");
}
