using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.IntegrationTests.Grants;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalWork;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// application.html after the decision, as the NGO reads it: the outcome, the amount approved in the
/// portal's number format, the date, the panel's feedback and what happens next (the grant agreement),
/// with the progress steps following the decision and the application read as a document.
/// </summary>
[Collection(ApplicantPortalCollection.Name)]
public sealed class DecisionPageTests(RunnerFixture runner, BrowserFixture browser)
{
    [Fact]
    public async Task ApplicationPage_AfterApproval_ShowsOutcomeAmountDateFeedbackAndTheAgreementToAccept()
    {
        var grant = await GrantSetup.ApprovedAsync(runner, "40000.00");
        var decidedOn = runner.Clock.GetUtcNow().ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        await context.AddCookiesAsync([
            new Microsoft.Playwright.Cookie { Name = "tfg_session", Value = grant.Ngo.Token, Url = runner.BaseAddress.ToString() },
            new Microsoft.Playwright.Cookie { Name = "tfg_signed_in", Value = "1", Url = runner.BaseAddress.ToString() },
        ]);
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);

        await page.GotoAsync($"/applicant/application.html?id={grant.GrantId}");

        var decision = page.GetByRole(AriaRole.Region, new() { Name = "The fund’s decision" });
        await Expect(decision.Locator("dl")).ToHaveTextAsync($"OutcomeApprovedAmount approvedUSD 40,000.00Decided on{decidedOn}");
        await Expect(decision).ToContainTextAsync("Strong and well costed.");
        // The grant is a draft the NGO does not see yet: the page says it is being prepared.
        await Expect(page.Locator("#decision-next")).ToContainTextAsync("The fund is preparing your grant agreement.");
        await Expect(page.Locator("#decision-next").GetByRole(AriaRole.Link, new() { Name = "My grants" })).ToHaveAttributeAsync("href", "/applicant/grants.html");

        var timeline = page.GetByRole(AriaRole.List, new() { Name = "Progress" });
        await Expect(timeline.Locator("[aria-current=step]")).ToContainTextAsync("Approved");
        await Expect(timeline.Locator("[aria-current=step]")).ToContainTextAsync($"USD 40,000.00 · decided {decidedOn}");
        await Expect(timeline.GetByRole(AriaRole.Listitem).Last).ToContainTextAsync("Grant agreement");
        await Expect(page.Locator("#status-value")).ToHaveTextAsync("Approved");

        // A document, not a greyed-out form: answers under headings, no inputs.
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "The application" }).GetByRole(AriaRole.Term).Filter(new() { HasText = "Project title" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#application-form input:visible, #application-form textarea:visible")).ToHaveCountAsync(0);
        await AssertNoAxeViolationAsync(page);
        await ScreenshotAsync(page, "application-decided");

        // Once the Secretariat sends the agreement, the page leads to it.
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Secretariat, HttpMethod.Put, "/terms", GrantSetup.Terms())).Status);
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Secretariat, HttpMethod.Post, "/send")).Status);
        await page.ReloadAsync();
        await page.Locator("#decision-next").GetByRole(AriaRole.Link, new() { Name = "read and accept it" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/applicant/grant\.html\?id={grant.GrantId}$"));
        Assert.Empty(scriptErrors);
    }
}
