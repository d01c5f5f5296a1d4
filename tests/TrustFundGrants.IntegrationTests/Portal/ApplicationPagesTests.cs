using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalSignIn;
using static TrustFundGrants.IntegrationTests.Portal.PortalWork;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// rounds.html, round.html, application.html and applications.html in Chromium: an NGO finds a call,
/// applies, fills the form, uploads its document, submits and watches the eligibility check arrive.
/// </summary>
[Collection(ApplicantPortalCollection.Name)]
public sealed class ApplicationPagesTests(RunnerFixture runner, BrowserFixture browser)
{
    [Fact]
    public async Task Apply_FillUploadAndSubmit_ShowsSubmittedThenEligibleAndMailsBoth()
    {
        var (_, callTitle) = await OpenRoundAsync(runner);
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        var email = await NgoAsync(page, runner);

        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "Open calls" }).ClickAsync();
        var call = await FindCallAsync(page, callTitle);
        await Expect(call).ToContainTextAsync("(Africa/Nairobi)");
        await Expect(call).ToContainTextAsync("USD 20,000.00 to USD 60,000.00");
        await call.GetByRole(AriaRole.Link, new() { Name = callTitle }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(callTitle);
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = DocumentTitle })).ToContainTextAsync("PDF");
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = Question })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/applicant/application\.html\?id=[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Untitled application");
        await Expect(page.Locator("#checklist-count")).ToHaveTextAsync("0 of 10 done.");
        await FillCompleteDraftAsync(page);
        await Expect(page.Locator("#app-budget-total")).ToContainTextAsync("The budget adds up.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.Locator("#save-state")).ToHaveTextAsync(new Regex("^Saved at "));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Safe houses in Nairobi");

        await page.GetByLabel(DocumentTitle).SetInputFilesAsync(new FilePayload { Name = "budget.pdf", MimeType = "application/pdf", Buffer = Pdf });
        var document = page.Locator("#doc-budget-field");
        await Expect(document).ToContainTextAsync("budget.pdf");
        await Expect(document).ToContainTextAsync($"{Pdf.Length} bytes");
        await Expect(page.Locator("#checklist-count")).ToHaveTextAsync("Everything is ready. You can submit the application.");
        await Expect(page.Locator("#checklist .check-todo")).ToHaveCountAsync(0);

        // The form as saved, read back from the API on a fresh load.
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Project title")).ToHaveValueAsync("Safe houses in Nairobi");
        await Expect(page.GetByLabel("Amount requested")).ToHaveValueAsync("45,000.00");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Countries chosen" })).ToContainTextAsync("Kenya");
        await Expect(page.GetByLabel("Forced labour")).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Female 18 and over" })).ToHaveValueAsync("120");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Budget line 2" }).GetByLabel("Amount (USD)")).ToHaveValueAsync("15,000.00");
        await Expect(page.Locator("#checklist-count")).ToHaveTextAsync("Everything is ready. You can submit the application.");
        await ScreenshotAsync(page, "application-form");

        // Check your answers: each answer as saved, with a way back to its field, then the one button that submits.
        await page.GetByRole(AriaRole.Button, new() { Name = "Check your answers" }).ClickAsync();
        var check = page.GetByRole(AriaRole.Region, new() { Name = "Check your answers before submitting your application" });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your answers before submitting your application" })).ToBeFocusedAsync();
        await Expect(check).ToContainTextAsync("Safe houses in Nairobi");
        await Expect(check).ToContainTextAsync("USD 45,000.00");
        await Expect(check).ToContainTextAsync("18 months");
        await Expect(check).ToContainTextAsync("Female, 18 and over: 120");
        await Expect(check).ToContainTextAsync("Legal aid: USD 15,000.00");
        await Expect(check).ToContainTextAsync("budget.pdf");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save draft" })).ToBeHiddenAsync();
        await AssertNoAxeViolationAsync(page);
        await ScreenshotAsync(page, "application-check");
        await check.GetByRole(AriaRole.Link, new() { Name = "Change Summary" }).ClickAsync();
        await Expect(page.GetByLabel("Summary")).ToBeFocusedAsync();
        await Expect(check).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check your answers" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit application" }).ClickAsync();

        var notice = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your application is submitted." });
        await Expect(notice).ToBeFocusedAsync();
        var reference = Regex.Match(await notice.InnerTextAsync(), @"TFG-\d{4}-[0-9A-F]{12}").Value;
        Assert.NotEmpty(reference);
        var timeline = page.GetByRole(AriaRole.List, new() { Name = "Progress" });
        await Expect(timeline.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Submitted" })).ToContainTextAsync(reference);
        await Expect(page.Locator("#status-value")).ToHaveTextAsync(new Regex("^(Submitted|Eligible)$"));
        await Expect(page.Locator("#status-value")).ToHaveTextAsync("Eligible");
        await Expect(timeline.Locator("[aria-current=step]")).ToContainTextAsync("Eligible");
        await Expect(page.Locator("#reference-value")).ToHaveTextAsync(reference);
        await Expect(timeline.GetByRole(AriaRole.Listitem).Last).ToContainTextAsync("Decision");

        // Submitted, it reads as a document rather than a locked form.
        var answers = page.GetByRole(AriaRole.Region, new() { Name = "The application" });
        await Expect(answers).ToContainTextAsync("Safe houses in Nairobi");
        await Expect(answers).ToContainTextAsync("Kenya");
        await Expect(answers.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Change") })).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Project title")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit application" })).ToBeHiddenAsync();
        await AssertNoAxeViolationAsync(page);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save draft" })).ToBeHiddenAsync();
        await ScreenshotAsync(page, "application-submitted");

        var mails = await Eventually.WaitFor(() => SignIn.MailsToAsync(runner.Client, email), m => m.Length >= 3, "the acknowledgement and screening mails");
        Assert.Contains(mails, m => m.GetProperty("subject").GetString() == $"Application received: {reference}");
        Assert.Contains(mails, m => m.GetProperty("subject").GetString() == $"Eligible for review: {reference}");

        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "My applications" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Safe houses in Nairobi" });
        await Expect(row).ToContainTextAsync(callTitle);
        await Expect(row).ToContainTextAsync("Eligible");
        await Expect(row).ToContainTextAsync(reference);
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task Upload_AnExeRenamedPdf_Shows415NextToThatDocument()
    {
        await using var draft = await DraftPage.OpenAsync(runner, browser);
        var (_, page, _, scriptErrors) = draft;

        var input = page.GetByLabel(DocumentTitle);
        await input.SetInputFilesAsync(new FilePayload { Name = "budget.pdf", MimeType = "application/pdf", Buffer = "MZ\u0090\0\u0003\0\0\0\u0004\0\0\0This program cannot be run in DOS mode."u8.ToArray() });

        var error = page.Locator("#doc-budget-error");
        await Expect(error).ToContainTextAsync("This file type is not accepted here.");
        await Expect(error).ToContainTextAsync($"\"{DocumentTitle}\" accepts PDF; this file is none of those");
        await Expect(input).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(input).ToHaveAccessibleDescriptionAsync(new Regex("This file type is not accepted here"));
        await Expect(page.Locator("#doc-budget-file")).ToHaveTextAsync("Not uploaded yet.");
        await Expect(page.Locator("#live")).ToContainTextAsync("budget.pdf was not uploaded.");
        await Expect(page.Locator("#checklist li[data-key='documents.budget']")).ToContainTextAsync("To do");

        // Over the size limit: said before anything is sent.
        var large = new byte[(10 * 1024) + 1];
        Pdf.CopyTo(large, 0);
        await input.SetInputFilesAsync(new FilePayload { Name = "big.pdf", MimeType = "application/pdf", Buffer = large });
        await Expect(error).ToHaveTextAsync(new Regex($"^This file is 10,241 bytes; “{DocumentTitle}” may be at most 10,240 bytes\\."));
        await Expect(page.Locator("#live")).ToContainTextAsync("big.pdf was not uploaded.");

        // A real PDF afterwards replaces the message with the file.
        await input.SetInputFilesAsync(new FilePayload { Name = "budget.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await Expect(page.Locator("#doc-budget-file")).ToContainTextAsync("budget.pdf");
        await Expect(error).ToBeHiddenAsync();
        await Expect(input).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#checklist li[data-key='documents.budget']")).ToContainTextAsync("Done");
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task Submit_Incomplete_ListsWhatIsMissingNextToEachField()
    {
        await using var draft = await DraftPage.OpenAsync(runner, browser);
        var (_, page, _, scriptErrors) = draft;
        await page.GetByLabel("Project title").FillAsync("Only a title so far");
        await page.GetByLabel("Duration in months").FillAsync("a year");

        await page.GetByRole(AriaRole.Button, new() { Name = "Check your answers" }).ClickAsync();

        // Every problem at once, in the form's order, each naming its field as the form does.
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Expect(summary).ToBeFocusedAsync();
        var links = summary.GetByRole(AriaRole.Link);
        await Expect(links).ToHaveCountAsync(9);
        await Expect(links.First).ToHaveTextAsync(Question + ": Answer yes or no.");
        await Expect(links.Filter(new() { HasText = "Duration in months: Give the duration as a" })).ToHaveCountAsync(1);
        await Expect(links.Last).ToContainTextAsync($"Upload the {DocumentTitle}.");
        await Expect(page.GetByLabel("Summary")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Project title")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel(DocumentTitle)).ToHaveAccessibleDescriptionAsync(new Regex("Upload the Detailed budget"));
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = Question })).ToHaveAccessibleDescriptionAsync(new Regex("Answer yes or no"));
        await Expect(page.Locator("#checklist li[data-key='eligibilityAnswers.registered']")).ToContainTextAsync("Answer: " + Question);
        await Expect(page.Locator("#status-value")).ToHaveTextAsync("Draft");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Check your answers before submitting your application" })).ToBeHiddenAsync();
        await summary.GetByRole(AriaRole.Link, new() { Name = "Summary: Summarise the project." }).ClickAsync();
        await Expect(page.GetByLabel("Summary")).ToBeFocusedAsync();

        // A whole number of months fixed, the draft saves itself a moment after typing stops; the title with it.
        await page.GetByLabel("Duration in months").FillAsync("12");
        await Expect(page.Locator("#save-state")).ToHaveTextAsync(new Regex("^Saved at "));
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Project title")).ToHaveValueAsync("Only a title so far");

        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task Deadline_PassingWhileTheDraftIsOpen_TakesAwaySubmitAndSaysSoWithoutAClick()
    {
        // The page watches the deadline on the browser's own clock, which no test clock moves: this one waits
        // up to 30 real seconds, enough for the draft and the page to open first on a loaded machine.
        var closesAt = DateTimeOffset.UtcNow.AddSeconds(30);
        await using var draft = await DraftPage.OpenAsync(runner, browser, closesAt - runner.Clock.GetUtcNow());
        var (_, page, _, scriptErrors) = draft;
        await Expect(page.GetByLabel("Project title")).ToBeEditableAsync();
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Check your answers" });
        await Expect(submit).ToBeVisibleAsync();

        var notice = page.Locator("#notice");
        await Expect(notice).ToContainTextAsync("has passed: this application can no longer be submitted", new() { Timeout = 60_000 });
        await Expect(notice).ToContainTextAsync("(Africa/Nairobi)");
        await Expect(submit).ToBeHiddenAsync();
        await Expect(page.Locator("#status-value")).ToHaveTextAsync("Draft");
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task Leave_WithAChangeTheApiDoesNotHaveYet_AsksFirstButNotOnceItIsSaved()
    {
        await using var draft = await DraftPage.OpenAsync(runner, browser);
        var (_, page, id, scriptErrors) = draft;
        await Expect(page.GetByLabel("Project title")).ToBeEditableAsync();

        // The first autosave is held on its way to the API, so the title stays unsaved as long as the test needs.
        var held = new TaskCompletionSource<IRoute>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync($"**/api/applications/{id}", async route =>
        {
            if (route.Request.Method == "PUT" && held.TrySetResult(route))
            {
                return;
            }

            await route.ContinueAsync();
        });
        var asked = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            lock (asked)
            {
                asked.Add(dialog.Type);
            }

            await dialog.DismissAsync();
        };
        var myApplications = Nav(page).GetByRole(AriaRole.Link, new() { Name = "My applications" });
        await page.GetByLabel("Project title").FillAsync("Shelters in Mombasa");
        var autosave = await held.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Leaving now would lose the title: the browser asks, and staying keeps the page and the text.
        await myApplications.ClickAsync();
        await Eventually.WaitFor(() => Task.FromResult(Asked()), a => a.Length > 0, "the warning before leaving");
        Assert.Equal(["beforeunload"], Asked());
        Assert.EndsWith($"/applicant/application.html?id={id}", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByLabel("Project title")).ToHaveValueAsync("Shelters in Mombasa");
        await autosave.ContinueAsync();
        await Expect(page.Locator("#save-state")).ToHaveTextAsync(new Regex("^Saved at "));

        // Typing, waiting for "Saved at" and leaving straight from the field (whose `change` fires as it loses
        // focus, after the save) leaves without a question: nothing is unsaved.
        var summary = page.GetByLabel("Summary");
        await summary.FillAsync("Safe houses and legal aid.");
        await Expect(page.Locator("#save-state")).ToHaveTextAsync("You have changes that are not saved yet.");
        await Expect(page.Locator("#save-state")).ToHaveTextAsync(new Regex("^Saved at "));
        await Expect(summary).ToBeFocusedAsync();
        await myApplications.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/applicant/applications\.html$"));
        Assert.Equal(["beforeunload"], Asked());
        Assert.Empty(scriptErrors);

        string[] Asked()
        {
            lock (asked)
            {
                return [.. asked];
            }
        }
    }

    [Fact]
    public async Task Save_ChangedMeanwhileByAColleague_SaysSoAndKeepsTheirChange()
    {
        await using var draft = await DraftPage.OpenAsync(runner, browser);
        var (context, page, id, scriptErrors) = draft;
        await Expect(page.GetByLabel("Project title")).ToBeEditableAsync();

        // A colleague saves first, with the ETag they read.
        var read = await context.APIRequest.GetAsync($"/api/applications/{id}");
        var changed = await context.APIRequest.PutAsync($"/api/applications/{id}", new()
        {
            Headers = new Dictionary<string, string> { ["X-TFG-Request"] = "1", ["If-Match"] = read.Headers["etag"] },
            DataObject = new
            {
                title = "The colleague's title", summary = "", requestedAmount = (object?)null, durationMonths = (int?)null,
                countries = Array.Empty<string>(), exploitationForms = Array.Empty<string>(), targetGroups = Array.Empty<string>(),
                plannedBeneficiaries = Array.Empty<object>(), budgetLines = Array.Empty<object>(), eligibilityAnswers = new Dictionary<string, bool>(),
            },
        });
        Assert.Equal(200, changed.Status);

        await page.GetByLabel("Project title").FillAsync("My title");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToBeFocusedAsync();
        await Expect(alert).ToContainTextAsync("Someone changed this application meanwhile.");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Reload the application" }).ClickAsync();
        await Expect(page.GetByLabel("Project title")).ToHaveValueAsync("The colleague's title");
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task ApplicationPage_AnotherNgosApplication_ShowsNotFoundAndNoneOfItsContent()
    {
        var (roundId, _) = await OpenRoundAsync(runner);
        await using var first = await browser.NewContextAsync(runner.BaseAddress);
        var owner = await first.NewPageAsync();
        await NgoAsync(owner, runner, "Casa Segura");
        var id = await DraftAsync(owner, roundId);
        await owner.GotoAsync($"/applicant/application.html?id={id}");
        await owner.GetByLabel("Project title").FillAsync("Confidential shelter addresses project");
        await owner.GetByLabel("Summary").FillAsync("Nobody else may read this summary.");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(owner.Locator("#save-state")).ToHaveTextAsync(new Regex("^Saved at "));
        await owner.GetByLabel(DocumentTitle).SetInputFilesAsync(new FilePayload { Name = "secret.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await Expect(owner.Locator("#doc-budget-file")).ToContainTextAsync("secret.pdf");

        await using var second = await browser.NewContextAsync(runner.BaseAddress);
        var page = await second.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        await NgoAsync(page, runner, "Another NGO");

        await page.GotoAsync($"/applicant/application.html?id={id}");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Application not found");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "There is no application at this address" })).ToBeVisibleAsync();
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("Confidential", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nobody else", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret.pdf", text, StringComparison.Ordinal);
        await Expect(page.Locator("#application-form")).ToBeHiddenAsync();
        await Expect(page.Locator("#status-section")).ToBeHiddenAsync();
        var download = await second.APIRequest.GetAsync($"/api/applications/{id}/documents/budget");
        Assert.Equal(404, download.Status);

        await page.GotoAsync("/applicant/applications.html");
        await Expect(page.GetByText("Your organisation has no applications yet.")).ToBeVisibleAsync();
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task Withdraw_AfterConfirming_ShowsWithdrawnAndLocksTheForm()
    {
        await using var draft = await DraftPage.OpenAsync(runner, browser);
        var (_, page, _, scriptErrors) = draft;

        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw application" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Withdraw this application?" })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Keep my application" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Withdraw application" })).ToBeFocusedAsync();
        await Expect(page.Locator("#status-value")).ToHaveTextAsync("Draft");

        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw application" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, withdraw it" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your application is withdrawn." })).ToBeFocusedAsync();
        await Expect(page.Locator("#status-value")).ToHaveTextAsync("Withdrawn");
        await Expect(page.GetByLabel("Project title")).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Withdraw application" })).ToBeHiddenAsync();
        Assert.Empty(scriptErrors);
    }

    private static async Task FillCompleteDraftAsync(IPage page)
    {
        await page.GetByLabel("Project title").FillAsync("Safe houses in Nairobi");
        await page.GetByLabel("Summary").FillAsync("Shelter, counselling and legal aid for survivors.");
        await page.GetByLabel("Amount requested").FillAsync("45,000");
        await page.GetByLabel("Duration in months").FillAsync("18");
        await page.GetByLabel("Countries where the project works").SelectOptionAsync(new SelectOptionValue { Label = "Kenya" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add country" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Countries chosen" })).ToContainTextAsync("Kenya");
        await page.GetByLabel("Sexual exploitation").CheckAsync();
        await page.GetByLabel("Forced labour").CheckAsync();
        await page.GetByLabel("Groups the project serves (optional)").FillAsync("women, adolescents");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Female 18 and over" }).FillAsync("120");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Female Under 18" }).FillAsync("30");

        var first = page.GetByRole(AriaRole.Group, new() { Name = "Budget line 1" });
        await first.GetByLabel("Category").FillAsync("Shelter");
        await first.GetByLabel("Description (optional)").FillAsync("Rent and utilities");
        await first.GetByLabel("Amount (USD)").FillAsync("30000.00");
        await Expect(page.Locator("#app-budget-total")).ToContainTextAsync("USD 15,000.00 short.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a budget line" }).ClickAsync();
        var second = page.GetByRole(AriaRole.Group, new() { Name = "Budget line 2" });
        await Expect(second.GetByLabel("Category")).ToBeFocusedAsync();
        await second.GetByLabel("Category").FillAsync("Legal aid");
        await second.GetByLabel("Amount (USD)").FillAsync("15000.00");

        await page.GetByRole(AriaRole.Group, new() { Name = Question }).GetByLabel("Yes").CheckAsync();
    }
}
