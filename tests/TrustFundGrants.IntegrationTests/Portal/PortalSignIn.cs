using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>Signs in through the portal the way a person does: the form, the captured mail, the link.</summary>
internal static partial class PortalSignIn
{
    public static ILocator Nav(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

    /// <summary>Asks for a link on signin.html and returns the link from the mail that arrives.</summary>
    public static async Task<string> RequestLinkAsync(IPage page, HttpClient client, string email)
    {
        var before = (await SignIn.MailsToAsync(client, email)).Length;
        await page.GotoAsync("/signin.html");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a sign-in link" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeFocusedAsync();

        // Other mail (an invitation owed through the outbox) may arrive meanwhile: the link is in the newest mail holding one.
        var mails = await Eventually.WaitFor(
            () => SignIn.MailsToAsync(client, email),
            m => m.Take(m.Length - before).Any(x => LinkPattern().IsMatch(x.GetProperty("text").GetString()!)),
            "the sign-in mail");
        return mails.Take(mails.Length - before).Select(x => LinkPattern().Match(x.GetProperty("text").GetString()!)).First(l => l.Success).Value;
    }

    /// <summary>Opens a sign-in link, clicks "Continue as …" and waits for the home page with the signed-in navigation.</summary>
    public static async Task FollowLinkAsync(IPage page, string link)
    {
        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = ContinueAs() }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(new Uri(link), "/").ToString());
        await Expect(Nav(page).GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToBeVisibleAsync();
    }

    public static async Task AsAsync(IPage page, HttpClient client, string email) =>
        await FollowLinkAsync(page, await RequestLinkAsync(page, client, email));

    [GeneratedRegex(@"https?://\S+/signin\.html#token=[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("^Continue as ")]
    public static partial Regex ContinueAs();
}
