using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalSignIn;
using static TrustFundGrants.IntegrationTests.Portal.PortalWork;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// assignments.html, review.html and conflicts.html in Chromium: a reviewer on a closed round's panel
/// reads an assigned application, scores it against the rubric with the API's errors next to the
/// fields, saves, submits, steps back from another and declares a conflict.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class ReviewPagesTests(RunnerFixture runner, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Review_ScoreAboveTheMaximum_ShowsTheFieldErrorThenSavesAndSubmits()
    {
        var round = await ReviewRound.ClosedAsync(runner, "500000.00", blind: true, "Safe houses in Tijuana", "Legal aid in Oaxaca");
        var email = await round.AddReviewerAsync();
        await round.AutoAssignAsync();
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        await AsAsync(page, runner.Client, email);

        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "My assignments" }).ClickAsync();
        await Expect(page.Locator("#progress-text")).ToHaveTextAsync("0 of 2 reviews submitted.");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Legal aid in Oaxaca" })).ToContainTextAsync("Not started");
        await page.GetByRole(AriaRole.Link, new() { Name = "Safe houses in Tijuana" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Review: Safe houses in Tijuana");
        var application = page.Locator("#application");
        await Expect(application).ToContainTextAsync("Not shown: this call is reviewed blind");
        await Expect(application).ToContainTextAsync("USD 45,000.00");
        await Expect(application).ToContainTextAsync("Mexico");
        var download = await page.RunAndWaitForDownloadAsync(() => application.GetByRole(AriaRole.Link, new() { Name = "Download budget.pdf" }).ClickAsync());
        Assert.Equal("budget.pdf", download.SuggestedFilename);
        var relevance = page.GetByLabel("Score for Relevance");
        await Expect(relevance).ToHaveAccessibleDescriptionAsync(new Regex("How well the project meets survivors' needs\\. Weight 3 \\(60% of the score\\)\\. Scored from 0 to 10\\."));
        await Expect(page.GetByLabel("Score for Capacity")).ToHaveAccessibleDescriptionAsync("Weight 2 (40% of the score). Scored from 0 to 5.");

        await relevance.FillAsync("11");
        await page.GetByLabel("Score for Capacity").FillAsync("4");
        await page.GetByLabel("Comments for the panel").FillAsync("A sound shelter model with clear costs.");
        await page.GetByLabel("Fund", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" })).ToBeFocusedAsync();
        await Expect(relevance).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(relevance).ToHaveAccessibleDescriptionAsync(new Regex("A score for this criterion is a whole number from 0 to 10\\."));
        await Expect(page.GetByLabel("Score for Capacity")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#save-state")).ToHaveTextAsync("Not saved.");
        await ScreenshotAsync(page, "review-error");

        await relevance.FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.Locator("#save-state")).ToHaveTextAsync(new Regex("^Draft saved at "));
        await Expect(relevance).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit review" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your review is submitted." })).ToBeFocusedAsync();
        await Expect(relevance).ToBeDisabledAsync();
        await Expect(relevance).ToHaveValueAsync("8");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit review" })).ToBeHiddenAsync();
        await ScreenshotAsync(page, "review-submitted");

        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "My assignments" }).ClickAsync();
        await Expect(page.Locator("#progress-text")).ToHaveTextAsync("1 of 2 reviews submitted.");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Safe houses in Tijuana" })).ToContainTextAsync("Submitted");
        await ScreenshotAsync(page, "assignments");
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task StepBackAndDeclare_FromAnAssignedApplication_RecusesAndListsTheConflict()
    {
        var round = await ReviewRound.ClosedAsync(runner, "500000.00", blind: false, "Hotline for survivors");
        var email = await round.AddReviewerAsync();
        await round.AutoAssignAsync();
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        await AsAsync(page, runner.Client, email);
        await page.GotoAsync("/assignments.html");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hotline for survivors" }).ClickAsync();
        await page.Locator("#application").GetByRole(AriaRole.Link, new() { Name = "declare a conflict" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Conflicts of interest");
        await Expect(page.GetByLabel("Organisation id")).ToHaveValueAsync(new Regex("^[0-9a-f-]{36}$"));
        var organisationId = await page.GetByLabel("Organisation id").InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Declare conflict" }).ClickAsync();
        await Expect(page.GetByLabel("How you are tied to it")).ToHaveAccessibleDescriptionAsync(new Regex("Say briefly how you are tied to the organisation"));
        await page.GetByLabel("How you are tied to it").FillAsync("I sit on its board.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Declare conflict" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Your conflict with organisation {organisationId} is declared." })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = organisationId })).ToContainTextAsync("I sit on its board.");
        await ScreenshotAsync(page, "conflicts");
        await page.GoBackAsync();

        // Submitting an untouched form saves it first; the API's message for the missing recommendation shows by its group.
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit review" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Your recommendation" })).ToHaveAccessibleDescriptionAsync(new Regex("Recommend fund, do-not-fund or maybe"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Step back" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Step back from this application?" })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, step back" }).ClickAsync();
        await Expect(page.GetByLabel("Why you step back")).ToHaveAccessibleDescriptionAsync(new Regex("Say briefly why you step back"));
        await page.GetByLabel("Why you step back").FillAsync("I advised them last year.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, step back" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You stepped back from this application");
        await Expect(page.Locator("#application-section")).ToBeHiddenAsync();

        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "My assignments" }).ClickAsync();
        await Expect(page.Locator("#progress-text")).ToHaveTextAsync("0 of 0 reviews submitted. You stepped back from 1 application.");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "An application you stepped back from" })).ToContainTextAsync("Recused");
        Assert.Empty(scriptErrors);
    }
}
