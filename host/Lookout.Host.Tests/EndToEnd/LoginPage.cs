using Lookout.Host.Testing;
using Microsoft.Playwright;

namespace Lookout.Host.Tests.EndToEnd;

/// <summary>The admin app's login page, as a user goes through it.</summary>
internal static class LoginPage
{
    /// <summary>Opens the app, signs in and waits for the main navigation; the first-run admin unless told otherwise.</summary>
    public static async Task SignInAsync(this IPage page, string email = LookoutApp.AdminEmail, string password = LookoutApp.AdminPassword)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).WaitForAsync();
    }
}
