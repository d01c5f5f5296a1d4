using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalWork;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// review-panel.html and ranking.html in Chromium, for the Secretariat: the panel, its review due
/// date, its assignment run with their shortfalls and assigning by hand; the ranking with its flags
/// and funding line, decisions with the API's field errors, the approved total and what remains,
/// and the refusal of an approval beyond the envelope with the remainder offered. Reviews here go
/// through the API; reviewers' own pages have their tests in ReviewPagesTests.
/// </summary>
[Collection(PanelPortalCollection.Name)]
public sealed class RankingPagesTests(RunnerFixture runner, BrowserFixture browser)
{
    [Fact]
    public async Task ReviewPanel_AddReviewerAndAssign_ShowsTheAddedCountAndTheShortfall()
    {
        var (openRoundId, _) = await OpenRoundAsync(runner);
        var round = await ReviewRound.ClosedAsync(runner, "500000.00", blind: false, "Shelter in Tapachula");
        await using var context = await SecretariatBrowser.ContextAsync(browser, runner);
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);

        // Before the deadline the API refuses to assign; its reason is shown.
        await page.GotoAsync($"/secretariat/review-panel.html?roundId={openRoundId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign reviewers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Reviewers are assigned once the round has closed");
        await Expect(page.Locator("#manual-closed")).ToBeVisibleAsync();
        await Expect(page.Locator("#manual-form")).ToBeHiddenAsync();

        await page.GotoAsync("/secretariat/rounds.html");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Review panel for {round.Title}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Review panel: {round.Title}");
        await Expect(page.Locator("#reviewers-none")).ToBeVisibleAsync();
        var email = page.GetByLabel("Add a reviewer by email address");
        await email.FillAsync("not-an-address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to panel" }).ClickAsync();
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");

        var reviewer = NewAddress("reviewer");
        await email.FillAsync(reviewer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to panel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{reviewer} is on the panel." })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = reviewer })).ToBeVisibleAsync();
        await email.FillAsync(reviewer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to panel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{reviewer} was already on the panel." })).ToBeFocusedAsync();
        await Expect(page.Locator("#reviewers tr")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Assign reviewers" }).ClickAsync();
        var result = page.Locator("#assign-result");
        await Expect(result).ToBeFocusedAsync();
        await Expect(result).ToContainTextAsync("1 assignment added.");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Applications short of reviewers" })).ToHaveTextAsync("Shelter in Tapachula: 1 of 2 reviewers, 1 more needed.");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Applications per reviewer" })).ToHaveTextAsync($"{reviewer}: 1");
        var assignments = page.Locator("#assignments");
        await Expect(assignments.GetByRole(AriaRole.Row)).ToHaveCountAsync(1);
        await Expect(assignments.GetByRole(AriaRole.Row).Filter(new() { HasText = reviewer })).ToContainTextAsync("Not started");

        // Reviews cannot fall due before the call closes; the API's message shows by the field.
        var dueAt = page.GetByLabel("Reviews due");
        await Expect(page.Locator("#due-current")).ToHaveTextAsync(new Regex("^No due date is set"));
        await Expect(dueAt).ToHaveAccessibleDescriptionAsync(new Regex("^On the round’s clock \\(America/Mexico_City\\)"));
        await dueAt.FillAsync(DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Set due date" }).ClickAsync();
        await Expect(dueAt).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dueAt).ToHaveAccessibleDescriptionAsync(new Regex("Reviews fall due after the round closes\\."));
        var dueDay = DateTime.UtcNow.Date.AddDays(14);
        await dueAt.FillAsync($"{dueDay:yyyy-MM-dd}T17:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set due date" }).ClickAsync();
        var due = $"{dueDay.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} at 17:30 (America/Mexico_City)";
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Reviews are now due by {due}." })).ToBeFocusedAsync();
        await Expect(page.Locator("#due-current")).ToHaveTextAsync($"Reviews are due by {due}.");
        await Expect(dueAt).Not.ToHaveAttributeAsync("aria-invalid", "true");

        // Moving it again uses the ETag the first change answered with.
        await dueAt.FillAsync($"{dueDay.AddDays(1):yyyy-MM-dd}T17:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move due date" }).ClickAsync();
        await Expect(page.Locator("#due-current")).ToHaveTextAsync($"Reviews are due by {dueDay.AddDays(1).ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} at 17:30 (America/Mexico_City).");

        // By hand: the second reviewer fills the shortfall; the first already has the application.
        var second = NewAddress("reviewer");
        await email.FillAsync(second);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to panel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{second} is on the panel." })).ToBeFocusedAsync();
        var assign = page.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true });
        await assign.ClickAsync();
        await Expect(page.GetByLabel("Application", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Reviewer", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await page.GetByLabel("Application", new() { Exact = true }).SelectOptionAsync(round.Applicants[0].Id);
        await page.GetByLabel("Reviewer", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = reviewer });
        await assign.ClickAsync();
        var manual = page.Locator("#manual-result");
        await Expect(manual).ToBeFocusedAsync();
        await Expect(manual).ToContainTextAsync($"{reviewer} already reviews Shelter in Tapachula");
        await page.GetByLabel("Reviewer", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = second });
        await assign.ClickAsync();
        await Expect(manual).ToContainTextAsync($"{second} now reviews Shelter in Tapachula");
        var secondRow = assignments.GetByRole(AriaRole.Row).Filter(new() { HasText = second });
        await Expect(secondRow).ToContainTextAsync("Not started");
        await ScreenshotAsync(page, "review-panel");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Take off {second} from Shelter in Tapachula" }).ClickAsync();
        await Expect(page.Locator("#assignments-result")).ToContainTextAsync($"{second} no longer reviews Shelter in Tapachula");
        await Expect(secondRow).ToContainTextAsync("Taken off");
        await Expect(secondRow.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await assign.ClickAsync();
        await Expect(manual).ToContainTextAsync($"{second} now reviews Shelter in Tapachula");
        await Expect(secondRow).ToContainTextAsync("Not started");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Reviews per reviewer" })).ToContainTextAsync($"{second}: 0 of 1 submitted");
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task ReviewPanel_ListsTheAssignmentsWithProgressAndKeepsASubmittedReviewer()
    {
        var round = await ReviewRound.ClosedAsync(runner, "500000.00", blind: false, "Shelter in Mérida", "Hotline in León");
        var firstEmail = await round.AddReviewerAsync();
        var secondEmail = await round.AddReviewerAsync();
        var first = await SignIn.AsAsync(runner.Client, firstEmail);
        var second = await SignIn.AsAsync(runner.Client, secondEmail);
        await round.AutoAssignAsync();
        var (merida, leon) = (round.Applicants[0].Id, round.Applicants[1].Id);
        await round.ReviewAsync(first, merida, 8, 4);
        await round.SaveDraftAsync(second, merida, 6, 3);
        await using var context = await SecretariatBrowser.ContextAsync(browser, runner);
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);

        await page.GotoAsync($"/secretariat/review-panel.html?roundId={round.Id}");
        var rows = page.Locator("#assignments").GetByRole(AriaRole.Row);
        await Expect(rows).ToHaveCountAsync(4);
        ILocator Row(string title, string email) => rows.Filter(new() { HasText = title }).Filter(new() { HasText = email });
        await Expect(Row("Shelter in Mérida", firstEmail)).ToContainTextAsync("Submitted");
        await Expect(Row("Shelter in Mérida", firstEmail).GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Expect(Row("Shelter in Mérida", secondEmail)).ToContainTextAsync("Draft saved");
        await Expect(Row("Hotline in León", firstEmail)).ToContainTextAsync("Not started");
        await Expect(Row("Hotline in León", secondEmail)).ToContainTextAsync("Not started");
        var loads = page.GetByRole(AriaRole.List, new() { Name = "Reviews per reviewer" });
        await Expect(loads).ToContainTextAsync($"{firstEmail}: 1 of 2 submitted");
        await Expect(loads).ToContainTextAsync($"{secondEmail}: 0 of 2 submitted");
        await ScreenshotAsync(page, "review-panel-assignments");

        // Submitted after the page read the list: the API keeps the reviewer and its reason is shown.
        await round.ReviewAsync(second, leon, 7, 3);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Take off {secondEmail} from Hotline in León" }).ClickAsync();
        var result = page.Locator("#assignments-result");
        await Expect(result).ToBeFocusedAsync();
        await Expect(result).ToContainTextAsync($"{secondEmail} was not taken off Hotline in León.");
        await Expect(result).ToContainTextAsync("This reviewer has submitted their review; it counts in the ranking and stays.");
        await Expect(Row("Hotline in León", secondEmail)).ToContainTextAsync("Submitted");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Take off {secondEmail} from Shelter in Mérida" }).ClickAsync();
        await Expect(result).ToContainTextAsync($"{secondEmail} no longer reviews Shelter in Mérida.");
        await Expect(Row("Shelter in Mérida", secondEmail)).ToContainTextAsync("Taken off");
        await Expect(loads).ToContainTextAsync($"{secondEmail}: 1 of 1 submitted");
        await ScreenshotAsync(page, "review-panel-take-off");
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task Ranking_FlagsTheFundingLineAndRefusesAnApprovalBeyondTheEnvelope()
    {
        var round = await ReviewRound.ClosedAsync(runner, "60000.00", blind: false, "Shelter in Juárez", "Hotline in Puebla", "Outreach in Chiapas", "Counselling in Tlaxcala");
        var first = await SignIn.AsAsync(runner.Client, await round.AddReviewerAsync());
        var second = await SignIn.AsAsync(runner.Client, await round.AddReviewerAsync());
        await round.AutoAssignAsync();
        var (juarez, puebla, chiapas) = (round.Applicants[0].Id, round.Applicants[1].Id, round.Applicants[2].Id);
        await Task.WhenAll(
            round.ReviewAsync(first, juarez, 10, 5),
            round.ReviewAsync(second, juarez, 9, 5),
            round.ReviewAsync(first, puebla, 10, 5),
            round.ReviewAsync(second, puebla, 2, 1),
            round.ReviewAsync(first, chiapas, 5, 5));
        await using var context = await SecretariatBrowser.ContextAsync(browser, runner);
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);

        await page.GotoAsync("/secretariat/rounds.html");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Ranking for {round.Title}" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Ranking: {round.Title}");
        var rows = page.Locator("#ranked > tr");
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.Nth(0)).ToContainTextAsync("Shelter in Juárez");
        await Expect(rows.Nth(0)).ToContainTextAsync("97.00");
        await Expect(rows.Nth(0)).ToContainTextAsync("Within the envelope");
        await Expect(rows.Nth(1)).ToHaveTextAsync(new Regex("^Funding line\\. The envelope of USD\\s60,000\\.00 runs out here"));
        await Expect(rows.Nth(2)).ToContainTextAsync("Outreach in Chiapas");
        await Expect(rows.Nth(2)).ToContainTextAsync("1 of 2");
        await Expect(rows.Nth(2)).ToContainTextAsync("Reviews missing");
        await Expect(rows.Nth(2)).ToContainTextAsync("USD 90,000.00Beyond the envelope");
        await Expect(rows.Nth(3)).ToContainTextAsync("Hotline in Puebla");
        await Expect(rows.Nth(3)).ToContainTextAsync("80.00Reviewers disagree");
        await Expect(page.Locator("#unscored")).ToContainTextAsync("Counselling in Tlaxcala");
        await ScreenshotAsync(page, "ranking");

        await page.GetByRole(AriaRole.Button, new() { Name = "Decide on Shelter in Juárez" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Decision on Shelter in Juárez" })).ToBeFocusedAsync();
        await page.GetByLabel("Approve", new() { Exact = true }).CheckAsync();
        await Expect(page.GetByLabel("Amount approved")).ToHaveValueAsync("45,000.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Expect(page.GetByLabel("The panel’s reasoning")).ToHaveAccessibleDescriptionAsync(new Regex("Give the panel's reasoning"));
        await page.GetByLabel("The panel’s reasoning").FillAsync("The strongest proposal, well costed.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Expect(rows.Nth(0)).ToContainTextAsync("Approved, USD 45,000.00Held until release");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Change decision on Shelter in Juárez" })).ToBeFocusedAsync();
        await Expect(page.Locator("#approved")).ToHaveTextAsync("USD 45,000.00");
        await Expect(page.Locator("#remaining")).ToHaveTextAsync("USD 15,000.00");
        await Expect(page.Locator("#held")).ToHaveTextAsync("1 decision is held, waiting to be released.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Decide on Outreach in Chiapas" }).ClickAsync();
        await page.GetByLabel("Approve", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("The panel’s reasoning").FillAsync("Promising outreach.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        var refusal = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The envelope cannot hold this approval" });
        await Expect(refusal).ToBeFocusedAsync();
        // What remains is below the call's smallest grant (USD 20,000.00), so no smaller approval is offered;
        // the Secretariat may still type one deliberately.
        await Expect(refusal).ToContainTextAsync("Only USD 15,000.00 of the envelope remains, less than this call’s smallest grant of USD 20,000.00.");
        await Expect(refusal.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "ranking-refused");

        await page.GetByLabel("Amount approved").FillAsync("15000.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Expect(rows.Nth(2)).ToContainTextAsync("Approved, USD 15,000.00Held until release");
        await Expect(page.Locator("#approved")).ToHaveTextAsync("USD 60,000.00");
        await Expect(page.Locator("#remaining")).ToHaveTextAsync("USD 0.00");

        // Nothing is left, and a reload shows the decisions the API holds.
        await page.ReloadAsync();
        await Expect(rows.Nth(0)).ToContainTextAsync("Approved, USD 45,000.00Held until release");
        await Expect(page.Locator("#held")).ToHaveTextAsync("2 decisions are held, waiting to be released.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Decide on Hotline in Puebla" }).ClickAsync();
        await page.GetByLabel("Approve", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("The panel’s reasoning").FillAsync("Good, but the panel disagrees.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Nothing remains in the envelope" })).ToBeFocusedAsync();
        await ScreenshotAsync(page, "ranking-decided");
        Assert.Empty(scriptErrors);
    }
}
