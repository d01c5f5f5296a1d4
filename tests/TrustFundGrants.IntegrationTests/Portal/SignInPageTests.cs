using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalSignIn;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>signin.html in Chromium: asking for a link, landing from it, problems, signing out.</summary>
[Collection(ApplicantPortalCollection.Name)]
public sealed class SignInPageTests(RunnerFixture runner, BrowserFixture browser)
{
    private static string NewAddress() => $"ngo-{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task SignIn_FollowingTheMailedLink_ShowsSignedInNavigationWithoutSecretariatItems()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        var email = NewAddress();

        await AsAsync(page, runner.Client, email);

        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByText($"Signed in as {email}")).ToBeVisibleAsync();
        await Expect(Nav(page).GetByRole(AriaRole.Link, new() { Name = "Home" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Nav(page).GetByRole(AriaRole.Link, new() { Name = "Register organisation" })).ToBeVisibleAsync();
        await Expect(Nav(page).GetByRole(AriaRole.Link, new() { Name = "Invitations" })).ToHaveCountAsync(0);
        await Expect(Nav(page).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SignIn_LinkAlreadyUsed_SaysSoAndOffersTheForm()
    {
        await using var first = await browser.NewContextAsync(runner.BaseAddress);
        var link = await RequestLinkAsync(await first.NewPageAsync(), runner.Client, NewAddress());
        await FollowLinkAsync(await first.NewPageAsync(), link);
        await using var second = await browser.NewContextAsync(runner.BaseAddress);
        var page = await second.NewPageAsync();

        await page.GotoAsync(link);

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("This link does not work any more; ask for a new one");
        await Expect(alert).ToBeFocusedAsync();
        await Expect(page).ToHaveURLAsync(new Uri(runner.BaseAddress, "/signin.html").ToString());
        await Expect(page.GetByLabel("Email address")).ToBeVisibleAsync();
        await Expect(Nav(page).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignIn_InvalidEmail_ShowsTheProblemNextToTheFieldAndAnnouncesIt()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin.html");
        var field = page.GetByLabel("Email address");

        await field.FillAsync("not-an-email");
        await field.PressAsync("Enter");

        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(field).ToHaveAccessibleDescriptionAsync(new Regex("Enter an email address like name@example.org"));
        await Expect(page.Locator("#signin-email-error")).ToHaveTextAsync("Enter an email address like name@example.org.");
        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToContainTextAsync("Enter an email address like name@example.org.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeHiddenAsync();

        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(field).ToBeFocusedAsync();
    }

    [Fact]
    public async Task SignIn_TooManyRequestsForTheAddress_SaysHowLongToWait()
    {
        var email = NewAddress();
        await UseUpSignInsAsync(email);

        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin.html");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a sign-in link" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToBeFocusedAsync();
        await Expect(alert).ToContainTextAsync(new Regex(@"Try again in (\d+ seconds?|about a minute|about \d+ minutes)\."));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeHiddenAsync();
    }

    // The limiter's windows are fixed on the clock: when one is about to end, wait for the next, so
    // the browser's request still lands in a window that is used up.
    private async Task UseUpSignInsAsync(string email)
    {
        for (var i = 0; i < 50; i++)
        {
            using var response = await runner.Client.PostAsJsonAsync("/api/auth/sign-in", new { email });
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                continue;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
            if (wait > TimeSpan.FromSeconds(10))
            {
                return;
            }

            runner.Clock.Advance(wait + TimeSpan.FromSeconds(1));
        }

        Assert.Fail("The API never limited sign-in requests for one address.");
    }

    [Fact]
    public async Task SignOut_FromTheNavigation_ReturnsToSignInAndEndsTheSession()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await AsAsync(page, runner.Client, NewAddress());

        await Nav(page).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/signin\.html\?signed-out$"));
        await Expect(page.GetByText("You have signed out.")).ToBeVisibleAsync();
        await Expect(Nav(page).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        var me = await context.APIRequest.GetAsync("/api/me");
        Assert.Equal(401, me.Status);
    }

    [Fact]
    public async Task Portal_KeyboardOnly_SkipLinkReachesTheMainContent()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin.html");
        await Expect(Nav(page).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("main")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Email address")).ToBeFocusedAsync();
    }
}
