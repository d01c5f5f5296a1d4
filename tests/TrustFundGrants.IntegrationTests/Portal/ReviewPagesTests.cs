using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalSignIn;
using static TrustFundGrants.IntegrationTests.Portal.PortalWork;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// assignments.html, review.html and conflicts.html in Chromium: a reviewer on a closed round's panel
/// sees when reviews are due, reads an assigned application, scores it against the rubric with the
/// API's errors next to the fields, finds the saved draft again after a reload, submits, steps back
/// from another and declares a conflict with an organisation found by name.
/// </summary>
[Collection(PanelPortalCollection.Name)]
public sealed class ReviewPagesTests(RunnerFixture runner, BrowserFixture browser)
{
    [Fact]
    public async Task Review_ScoreAboveTheMaximum_ShowsTheFieldErrorThenSavesAndSubmits()
    {
        var round = await ReviewRound.ClosedAsync(runner, "500000.00", blind: true, "Safe houses in Tijuana", "Legal aid in Oaxaca");
        var email = await round.AddReviewerAsync();
        await round.AutoAssignAsync();

        // 23:00 in Mexico City (UTC-6 all year) ten days on, as the round's clock shows it.
        var dueDay = DateTime.UtcNow.Date.AddDays(10);
        await round.SetReviewDueAsync(new DateTimeOffset(dueDay.Year, dueDay.Month, dueDay.Day, 23, 0, 0, TimeSpan.FromHours(-6)));
        var due = $"{dueDay.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} at 23:00 (America/Mexico_City)";
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        await AsAsync(page, runner.Client, email);

        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "My assignments" }).ClickAsync();
        await Expect(page.Locator("#progress-text")).ToHaveTextAsync("0 of 2 reviews submitted.");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "When reviews are due" })).ToHaveTextAsync($"Reviews for “{round.Title}” are due by {due}.");
        var oaxaca = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Legal aid in Oaxaca" });
        await Expect(oaxaca).ToContainTextAsync("Not started");
        await Expect(oaxaca).ToContainTextAsync(due);
        await Expect(oaxaca).ToContainTextAsync(round.Title);
        await page.GetByRole(AriaRole.Link, new() { Name = "Safe houses in Tijuana" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Review: Safe houses in Tijuana");
        await Expect(page.Locator("#round-line")).ToContainTextAsync($"Reviews are due by {due}.");
        var application = page.Locator("#application");
        await Expect(application).ToContainTextAsync("Not shown: this call is reviewed blind");
        await Expect(application).ToContainTextAsync("USD 45,000.00");
        await Expect(application).ToContainTextAsync("Mexico");
        var download = await page.RunAndWaitForDownloadAsync(() => application.GetByRole(AriaRole.Link, new() { Name = "Download Budget.pdf" }).ClickAsync());
        // Blind round: the download is named after the round's document title, never the file the NGO uploaded.
        Assert.Equal("Budget.pdf", download.SuggestedFilename);
        var relevance = page.GetByLabel("Score for Relevance");
        await Expect(relevance).ToHaveAccessibleDescriptionAsync(new Regex("How well the project meets survivors' needs\\. Weight 3 \\(60% of the score\\)\\. Scored from 0 to 10\\."));
        // The rubric describes two of Capacity's scores: reviewers read them under the criterion and with the field.
        await Expect(page.GetByLabel("Score for Capacity")).ToHaveAccessibleDescriptionAsync(new Regex("^Weight 2 \\(40% of the score\\)\\. Scored from 0 to 5\\. What the scores mean 0 No team or partners in place 5 An experienced team with partners named$"));
        await Expect(page.Locator("#score-1-levels dd").Last).ToHaveTextAsync("An experienced team with partners named");

        await relevance.FillAsync("11");
        await page.GetByLabel("Score for Capacity").FillAsync("4");
        await page.GetByLabel("Comments for the panel").FillAsync("A sound shelter model with clear costs.");
        await page.GetByLabel("Fund", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync("Relevance: Enter a whole number from 0 to 10.");
        await Expect(relevance).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(relevance).ToHaveAccessibleDescriptionAsync(new Regex("Enter a whole number from 0 to 10\\."));
        await Expect(page.GetByLabel("Score for Capacity")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#save-state")).ToHaveTextAsync("Not saved.");
        await ScreenshotAsync(page, "review-error");

        await relevance.FillAsync("8");
        await page.GetByLabel("Amount you recommend (optional)").FillAsync("40,000.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.Locator("#save-state")).ToHaveTextAsync(new Regex("^Draft saved at "));
        await Expect(relevance).Not.ToHaveAttributeAsync("aria-invalid", "true");

        // The draft is the API's, not the page's: a reload shows every field as saved.
        await page.ReloadAsync();
        await Expect(page.Locator("#save-state")).ToHaveTextAsync(new Regex("^This is the draft you saved\\."));
        await Expect(relevance).ToHaveValueAsync("8");
        await Expect(page.GetByLabel("Score for Capacity")).ToHaveValueAsync("4");
        await Expect(page.GetByLabel("Comments for the panel")).ToHaveValueAsync("A sound shelter model with clear costs.");
        await Expect(page.GetByLabel("Fund", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Amount you recommend (optional)")).ToHaveValueAsync("40,000.00");
        await ScreenshotAsync(page, "review-draft");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check your review" }).ClickAsync();
        var check = page.GetByRole(AriaRole.Region, new() { Name = "Check your review before you submit it" });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your review before you submit it" })).ToBeFocusedAsync();
        await Expect(check).ToContainTextAsync("8 out of 10");
        await Expect(check).ToContainTextAsync("4 out of 5");
        await Expect(check).ToContainTextAsync("USD 40,000.00");
        await AssertNoAxeViolationAsync(page);
        await Expect(check.GetByRole(AriaRole.Definition).Filter(new() { HasText = "Fund" }).First).ToHaveTextAsync("Fund");
        await check.GetByRole(AriaRole.Link, new() { Name = "Change Comments for the panel" }).ClickAsync();
        await Expect(page.GetByLabel("Comments for the panel")).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check your review" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit review" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your review is submitted." })).ToBeFocusedAsync();
        await Expect(relevance).ToBeDisabledAsync();
        await Expect(relevance).ToHaveValueAsync("8");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit review" })).ToBeHiddenAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("You submitted this review on");
        await Expect(relevance).ToBeDisabledAsync();
        await Expect(relevance).ToHaveValueAsync("8");
        await Expect(page.GetByLabel("Comments for the panel")).ToHaveValueAsync("A sound shelter model with clear costs.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit review" })).ToBeHiddenAsync();
        await ScreenshotAsync(page, "review-submitted");

        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "My assignments" }).ClickAsync();
        await Expect(page.Locator("#progress-text")).ToHaveTextAsync("1 of 2 reviews submitted.");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Safe houses in Tijuana" })).ToContainTextAsync("Submitted");
        await ScreenshotAsync(page, "assignments");
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task Review_TypedThenSessionEnds_SavesItselfKeepsTheTextAndRestoresItAfterSigningIn()
    {
        var round = await ReviewRound.ClosedAsync(runner, "500000.00", blind: false, "Safe houses in Tijuana");
        var email = await round.AddReviewerAsync();
        await round.AutoAssignAsync();
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        await AsAsync(page, runner.Client, email);
        await page.GotoAsync("/review/assignments.html");
        await page.GetByRole(AriaRole.Link, new() { Name = "Safe houses in Tijuana" }).ClickAsync();
        var url = page.Url;

        // Typing stops: the draft saves itself and says when, with no click.
        await page.GetByLabel("Score for Relevance").FillAsync("7");
        await page.GetByLabel("Comments for the panel").FillAsync("Clear shelter model.");
        await Expect(page.Locator("#save-state")).ToHaveTextAsync(new Regex("^Draft saved at \\d{2}:\\d{2}"));

        // The session ends while the reviewer types on: the text waits in the browser, and signing in
        // again returns to this review with it, which then saves itself.
        await context.ClearCookiesAsync();
        await page.GetByLabel("Comments for the panel").FillAsync("Clear shelter model. Costs are realistic.");
        await Expect(page).ToHaveURLAsync(new Regex(@"/signin\.html\?expired$"));
        await page.GotoAsync(await RequestLinkAsync(page, runner.Client, email));
        await page.GetByRole(AriaRole.Button, new() { NameRegex = ContinueAs() }).ClickAsync();
        await Expect(page).ToHaveURLAsync(url);
        await Expect(page.GetByLabel("Comments for the panel")).ToHaveValueAsync("Clear shelter model. Costs are realistic.");
        await Expect(page.GetByLabel("Score for Relevance")).ToHaveValueAsync("7");
        await Expect(page.Locator("#save-state")).ToHaveTextAsync(new Regex("^Draft saved at "));
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Comments for the panel")).ToHaveValueAsync("Clear shelter model. Costs are realistic.");

        // Several problems at once, each by its field: an empty score, a score above its maximum, no
        // recommendation and an amount above the request.
        await page.GetByLabel("Score for Capacity").FillAsync("9");
        await page.GetByLabel("Score for Relevance").FillAsync(string.Empty);
        await page.GetByLabel("Amount you recommend (optional)").FillAsync("50,000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check your review" }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync([
            "Relevance: Give a score from 0 to 10.",
            "Capacity: Enter a whole number from 0 to 5.",
            "Your recommendation: Choose your recommendation: fund, do not fund, or maybe.",
            "Amount you recommend (optional): Recommend at most the amount requested, USD 45,000.00.",
        ]);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Check your review before you submit it" })).ToBeHiddenAsync();
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task Declare_FromAnAssignedApplication_ListsTheConflictAndWithdrawsTheAssignment()
    {
        var round = await ReviewRound.ClosedAsync(runner, "500000.00", blind: false, "Hotline for survivors");
        var email = await round.AddReviewerAsync();
        await round.AutoAssignAsync();
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        await AsAsync(page, runner.Client, email);
        await page.GotoAsync("/review/assignments.html");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hotline for survivors" }).ClickAsync();

        // Not blind: the reviewer reads who applied by name, and the link carries it to the declaration.
        var organisation = round.Applicants[0].OrganisationName;
        await Expect(page.Locator("#application dd").First).ToContainTextAsync(organisation);
        await page.Locator("#application").GetByRole(AriaRole.Link, new() { Name = "declare a conflict" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Conflicts of interest");
        var linked = page.GetByLabel("The organisation of the application you came from");
        await Expect(linked).ToBeCheckedAsync();
        await Expect(linked).ToHaveAccessibleDescriptionAsync(organisation);
        await page.GetByRole(AriaRole.Button, new() { Name = "Declare conflict" }).ClickAsync();
        await Expect(page.GetByLabel("How you are tied to it")).ToHaveAccessibleDescriptionAsync(new Regex("Say briefly how you are tied to the organisation"));
        await page.GetByLabel("How you are tied to it").FillAsync("I sit on its board.");

        // Found by name instead: Enter searches rather than sending the declaration.
        var search = page.GetByLabel("Name, or part of it");
        await search.FillAsync("No such organisation anywhere");
        await search.PressAsync("Enter");
        await Expect(page.Locator("#organisation-found")).ToHaveTextAsync(new Regex("^No organisation’s name contains “No such organisation anywhere”"));
        await Expect(linked).ToHaveCountAsync(0);
        await search.FillAsync("segu " + organisation[^8..]); // the search matches the beginnings of the name's words
        await page.GetByRole(AriaRole.Button, new() { Name = "Find organisation" }).ClickAsync();
        await Expect(page.Locator("#organisation-found")).ToHaveTextAsync("1 organisation found. Choose one below.");
        await Expect(page.GetByLabel(organisation)).ToHaveAccessibleDescriptionAsync("Mexico");
        await page.GetByLabel(organisation).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Declare conflict" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Your conflict with {organisation} is declared." })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = organisation })).ToContainTextAsync("I sit on its board.");

        // Read afresh, the list names the organisation from the service rather than from the search.
        await page.ReloadAsync();
        await Expect(page.Locator("#rows th")).ToHaveTextAsync(organisation);
        await ScreenshotAsync(page, "conflicts");

        // A conflict declared after assignment withdraws the reviewer from that organisation's application.
        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "My assignments" }).ClickAsync();
        await Expect(page.Locator("#progress-text")).ToHaveTextAsync("0 of 0 reviews submitted. You stepped back from 1 application.");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Hotline for survivors" })).ToContainTextAsync("Recused");
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task StepBack_FromAnAssignedApplication_RecusesIt()
    {
        var round = await ReviewRound.ClosedAsync(runner, "500000.00", blind: false, "Hotline for survivors");
        var email = await round.AddReviewerAsync();
        await round.AutoAssignAsync();
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        await AsAsync(page, runner.Client, email);
        await page.GotoAsync("/review/assignments.html");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hotline for survivors" }).ClickAsync();

        // Checking an untouched form names everything still missing, the recommendation in the reviewer's words.
        await page.GetByRole(AriaRole.Button, new() { Name = "Check your review" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Your recommendation" })).ToHaveAccessibleDescriptionAsync("Choose your recommendation: fund, do not fund, or maybe.");

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
        var recused = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Hotline for survivors" });
        await Expect(recused).ToContainTextAsync("Recused");
        await Expect(recused.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
        Assert.Empty(scriptErrors);
    }
}
