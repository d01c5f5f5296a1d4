using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalSignIn;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>signin.html in Chromium: asking for a link, landing from it, problems, signing out.</summary>
[Collection(RunnerCollection.Name)]
public sealed class SignInPageTests(RunnerFixture runner, BrowserFixture browser) : IClassFixture<BrowserFixture>
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
    public async Task SignIn_AddressAskedForTooOften_StillSaysCheckYourEmailAndThatEarlierLinksWork()
    {
        var email = NewAddress();
        for (var i = 0; i < 5; i++)
        {
            using var response = await runner.Client.PostAsJsonAsync("/api/auth/sign-in", new { email });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin.html");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a sign-in link" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeFocusedAsync();
        await Expect(page.Locator("#check-email-detail")).ToContainTextAsync("any link from the last 15 minutes works");
    }

    /// <summary>Issue 9.7: a link someone else sent must not sign the reader in just by being opened.</summary>
    [Fact]
    public async Task SignIn_OpeningALink_AsksToContinueAsItsAddressAndSignsNobodyInUntilClicked()
    {
        var attacker = NewAddress();
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var link = await RequestLinkAsync(await context.NewPageAsync(), runner.Client, attacker);
        var page = await context.NewPageAsync();

        await page.GotoAsync(link);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Continue signing in?" })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Continue as {attacker}" })).ToBeVisibleAsync();
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
        Assert.Equal(401, (await context.APIRequest.GetAsync("/api/me")).Status);

        await page.GetByRole(AriaRole.Button, new() { Name = "This is not my address" }).ClickAsync();

        await Expect(page.GetByText("Nobody was signed in. The link was not used.")).ToBeVisibleAsync();
        Assert.Equal(401, (await context.APIRequest.GetAsync("/api/me")).Status);
        using var stillUnused = await runner.Client.PostAsJsonAsync("/api/auth/session", new { token = link[(link.IndexOf("#token=", StringComparison.Ordinal) + 7)..] });
        Assert.Equal(HttpStatusCode.OK, stillUnused.StatusCode);
    }

    /// <summary>Issue 9.9: every page works under the Content-Security-Policy, which allows no inline script or style.</summary>
    [Fact]
    public async Task EveryPage_UnderTheContentSecurityPolicy_HasNoViolations()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await AsAsync(page, runner.Client, NewAddress());
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        var web = Path.Combine(Repo.Root, "web");
        var pages = Directory.EnumerateFiles(web, "*.html", SearchOption.AllDirectories).Select(f => "/" + Path.GetRelativePath(web, f).Replace('\\', '/')).ToArray();

        foreach (var path in pages)
        {
            var response = await page.GotoAsync(path);
            Assert.Contains("script-src 'self'", response!.Headers["content-security-policy"], StringComparison.Ordinal);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        Assert.True(pages.Length >= 10, $"only {pages.Length} pages found");
        Assert.Empty(violations);
    }

    [Fact]
    public async Task SignOut_FromTheNavigation_ReturnsToSignInAndEndsTheSession()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await AsAsync(page, runner.Client, NewAddress());

        await Nav(page).GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/signin\.html\?signed-out$"));
        await Expect(page.GetByText("You have signed out.")).ToBeVisibleAsync();
        await Expect(Nav(page).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        var me = await context.APIRequest.GetAsync("/api/me");
        Assert.Equal(401, me.Status);
    }

    [Fact]
    public async Task SignOutEverywhere_FromTheNavigation_EndsTheSessionOnAnotherDeviceToo()
    {
        var email = NewAddress();
        var otherDevice = await SignIn.AsAsync(runner.Client, email);
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await AsAsync(page, runner.Client, email);

        await Nav(page).GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/signin\.html\?signed-out$"));
        Assert.Equal(401, (await context.APIRequest.GetAsync("/api/me")).Status);
        using var other = await runner.Client.SendAsync(otherDevice.Bearer(HttpMethod.Get, "/api/me"));
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
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
