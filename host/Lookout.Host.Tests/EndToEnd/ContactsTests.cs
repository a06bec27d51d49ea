using System.Net;
using Lookout.Host.Testing;
using Microsoft.Playwright;

namespace Lookout.Host.Tests.EndToEnd;

public sealed class ContactsTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private LookoutApp _app = null!;

    public async Task InitializeAsync() => _app = await LookoutApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Admin_adds_a_contact_in_the_dialog_and_finds_it_in_the_recipient_picker_with_the_envelope_icon()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.SignInAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Contacts", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add contact" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Add contact" });
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Clara Supplier");
        await dialog.GetByLabel("Email", new() { Exact = true }).FillAsync("clara@supplier.example");
        await dialog.GetByLabel("Mobile", new() { Exact = true }).FillAsync("+44 7400 123456");
        await dialog.GetByLabel("Time zone").FillAsync("Europe/London");
        await dialog.GetByLabel("Delimiter").SelectOptionAsync(new SelectOptionValue { Label = "Semicolon (;)" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await page.GetByRole(AriaRole.Cell, new() { Name = "Clara Supplier", Exact = true }).WaitForAsync();
        await page.GetByRole(AriaRole.Cell, new() { Name = "clara@supplier.example", Exact = true }).WaitForAsync();

        await page.GetByLabel("Find a recipient", new() { Exact = true }).FillAsync("Clara");
        var option = page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Clara Supplier" });
        await option.WaitForAsync();
        var icon = option.Locator("svg.recipient-icon");
        Assert.Equal("contact", await icon.GetAttributeAsync("data-kind"));
        Assert.Equal("Contact", await icon.GetAttributeAsync("aria-label"));

        // What the dialog saved is what the API holds, mobile in E.164 and the chosen CSV preference with it.
        using var api = await _app.SignInAsAdminAsync();
        var contacts = await ApiClient.ReadAsync(await api.GetAsync("/api/contacts/contacts?search=Clara"), HttpStatusCode.OK);
        var clara = contacts["items"]!.AsArray().Single()!;
        Assert.Equal("+447400123456", clara["mobile"]!.GetValue<string>());
        Assert.Equal("Europe/London", clara["timeZone"]!.GetValue<string>());
        Assert.Equal(";", clara["csv"]!["delimiter"]!.GetValue<string>());
    }
}
