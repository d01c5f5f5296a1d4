using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalSignIn;
using static TrustFundGrants.IntegrationTests.Portal.PortalWork;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// Issue #5's "done when", in Chromium: the Secretariat puts two reviewers on a closed round's panel
/// and assigns them; both score their applications; the Secretariat sees the ranking with its funding
/// line, approves within the envelope, is refused beyond it, releases (the decisions stay in the
/// ranking, marked released), and each applicant's decision email appears once at /_dev/mail. Only
/// the round, the NGOs and their submissions are set up through the API.
/// </summary>
[Collection(PanelPortalCollection.Name)]
public sealed class ReviewCycleTests(RunnerFixture runner, BrowserFixture browser)
{
    private const string Tijuana = "Safe houses in Tijuana";
    private const string Oaxaca = "Legal aid in Oaxaca";

    [Fact]
    public async Task ReviewRankDecideRelease_InTheBrowser_EmailsEachApplicantTheirDecisionOnce()
    {
        var round = await ReviewRound.ClosedAsync(runner, "60000.00", blind: false, Tijuana, Oaxaca);
        await using var secretariatContext = await SecretariatBrowser.ContextAsync(browser, runner);
        var secretariat = await secretariatContext.NewPageAsync();
        var scriptErrors = WatchScriptErrors(secretariat);
        var reviewers = new[] { NewAddress("reviewer"), NewAddress("reviewer") };

        await secretariat.GotoAsync("/secretariat/rounds.html");
        await secretariat.GetByRole(AriaRole.Link, new() { Name = $"Review panel for {round.Title}" }).ClickAsync();
        foreach (var reviewer in reviewers)
        {
            await secretariat.GetByLabel("Add a reviewer by email address").FillAsync(reviewer);
            await secretariat.GetByRole(AriaRole.Button, new() { Name = "Add to panel" }).ClickAsync();
            await Expect(secretariat.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{reviewer} is on the panel." })).ToBeFocusedAsync();
        }

        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Assign reviewers" }).ClickAsync();
        await Expect(secretariat.Locator("#assign-result")).ToContainTextAsync("4 assignments added.");
        await Expect(secretariat.Locator("#assign-result")).ToContainTextAsync("Every eligible application has its 2 reviewers.");

        // Weighted 3:2 out of 10 and 5: Tijuana scores 94 and 80 (mean 87), Oaxaca 40 and 54 (mean 47).
        await ReviewAllAsync(reviewers[0], (Tijuana, "9", "5", "Fund"), (Oaxaca, "4", "2", "Do not fund"));
        await ReviewAllAsync(reviewers[1], (Tijuana, "8", "4", "Fund"), (Oaxaca, "5", "3", "Maybe"));

        await secretariat.GotoAsync("/secretariat/rounds.html");
        await secretariat.GetByRole(AriaRole.Link, new() { Name = $"Ranking for {round.Title}" }).ClickAsync();
        var rows = secretariat.Locator("#ranked > tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(0)).ToContainTextAsync(Tijuana);
        await Expect(rows.Nth(0)).ToContainTextAsync("87.00");
        await Expect(rows.Nth(1)).ToContainTextAsync("Funding line.");
        await Expect(rows.Nth(2)).ToContainTextAsync(Oaxaca);
        await Expect(rows.Nth(2)).ToContainTextAsync("47.00");
        await Expect(rows.Nth(2)).ToContainTextAsync("Beyond the envelope");

        await DecideAsync(secretariat, Tijuana, "Approve", "Strong, well-costed shelter model.");
        await Expect(rows.Nth(0)).ToContainTextAsync("Approved, USD 45,000.00");
        await DecideAsync(secretariat, Oaxaca, "Approve", "Sound legal aid.");
        await Expect(secretariat.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The envelope cannot hold this approval" }))
            .ToContainTextAsync("Only USD 15,000.00 of the envelope remains, less than this call’s smallest grant");
        await secretariat.GetByLabel("Waitlist").CheckAsync();
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Expect(rows.Nth(2)).ToContainTextAsync("Waitlisted");

        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Release decisions" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Heading, new() { Name = "Release this round’s decisions now?" })).ToBeFocusedAsync();
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Yes, release decisions" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Status).Filter(new() { HasText = "2 decisions are released." })).ToBeFocusedAsync();

        // Released decisions stay in the ranking, marked so, and can no longer be changed.
        await Expect(rows.Nth(0)).ToContainTextAsync("Approved, USD 45,000.00Released to the applicant");
        await Expect(rows.Nth(2)).ToContainTextAsync("WaitlistedReleased to the applicant");
        await Expect(secretariat.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Change decision on ") })).ToHaveCountAsync(0);
        await Expect(secretariat.Locator("#held")).ToHaveTextAsync("No decisions are held: there is nothing to release yet.");
        await Expect(secretariat.Locator("#approved")).ToHaveTextAsync("USD 45,000.00");
        Assert.Empty(scriptErrors);

        var (approved, waitlisted) = (round.Applicants[0], round.Applicants[1]);
        foreach (var applicant in round.Applicants)
        {
            await Eventually.WaitFor(() => DecisionMailsAsync(applicant.Email), n => n >= 1, "the decision email");
        }

        // Every delivery owed has run: a second copy of an email would show now.
        await runner.QueuesDrainedAsync();
        await secretariat.GotoAsync("/_dev/mail");
        var mail = secretariat.Locator("article");
        await Expect(mail.Filter(new() { HasText = $"To {approved.Email}" }).Filter(new() { HasText = "Grant approved:" })).ToHaveCountAsync(1);
        await Expect(mail.Filter(new() { HasText = $"To {approved.Email}" }).Filter(new() { HasText = "Strong, well-costed shelter model." })).ToHaveCountAsync(1);
        await Expect(mail.Filter(new() { HasText = $"To {waitlisted.Email}" }).Filter(new() { HasText = "Decision on your application:" })).ToHaveCountAsync(1);
        await Expect(mail.Filter(new() { HasText = $"To {waitlisted.Email}" }).Filter(new() { HasText = "waiting list" })).ToHaveCountAsync(1);
        Assert.Equal(1, await DecisionMailsAsync(approved.Email));
        Assert.Equal(1, await DecisionMailsAsync(waitlisted.Email));

        // Reviewers' names never reach applicants: not in any email to them, nor in their application as they read it.
        foreach (var applicant in round.Applicants)
        {
            var session = await SignIn.AsAsync(runner.Client, applicant.Email);
            using var read = await runner.Client.SendAsync(session.Bearer(HttpMethod.Get, $"/api/applications/{applicant.Id}"));
            var seen = new List<string> { await read.Content.ReadAsStringAsync() };
            seen.AddRange((await SignIn.MailsToAsync(runner.Client, applicant.Email)).Select(m => m.GetRawText()));
            Assert.Contains(seen, s => s.Contains("decision", StringComparison.OrdinalIgnoreCase));
            Assert.All(reviewers, reviewer => Assert.DoesNotContain(seen, s => s.Contains(reviewer.Split('@')[0], StringComparison.OrdinalIgnoreCase)));
        }
    }

    /// <summary>A reviewer signs in from the link they are emailed and scores every assignment on their list.</summary>
    private async Task ReviewAllAsync(string email, params (string Title, string Relevance, string Capacity, string Recommendation)[] reviews)
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        await AsAsync(page, runner.Client, email);
        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "My assignments" }).ClickAsync();
        await Expect(page.Locator("#progress-text")).ToHaveTextAsync($"0 of {reviews.Length} reviews submitted.");
        foreach (var review in reviews)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = review.Title }).ClickAsync();
            await page.GetByLabel($"Score for {ReviewRound.Relevance}").FillAsync(review.Relevance);
            await page.GetByLabel($"Score for {ReviewRound.Capacity}").FillAsync(review.Capacity);
            await page.GetByLabel("Comments for the panel").FillAsync($"My view of {review.Title}.");
            await page.GetByLabel(review.Recommendation, new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Check your review" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit review" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your review is submitted." })).ToBeFocusedAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "My assignments" }).First.ClickAsync();
        }

        await Expect(page.Locator("#progress-text")).ToHaveTextAsync($"{reviews.Length} of {reviews.Length} reviews submitted.");
        Assert.Empty(scriptErrors);
    }

    private static async Task DecideAsync(IPage page, string title, string outcome, string rationale)
    {
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^(Decide|Change decision) on {Regex.Escape(title)}$") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Decision on {title}" })).ToBeFocusedAsync();
        await page.GetByLabel(outcome, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("The panel’s reasoning").FillAsync(rationale);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
    }

    private async Task<int> DecisionMailsAsync(string email) =>
        (await SignIn.MailsToAsync(runner.Client, email)).Count(m => m.GetProperty("subject").GetString() is { } s
            && (s.StartsWith("Grant approved", StringComparison.Ordinal) || s.StartsWith("Decision on your application", StringComparison.Ordinal)));
}
