using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalSignIn;
using static TrustFundGrants.IntegrationTests.Portal.PortalWork;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// secretariat-rounds.html in Chromium: setting up a fund and a round through the forms, the API's
/// validation shown next to the fields, and a round's submissions. The browser carries the fixture's
/// one Secretariat session: the Secretariat addresses may ask for only a few sign-in links a run.
/// </summary>
[Collection(PanelPortalCollection.Name)]
public sealed class SecretariatRoundsPageTests(RunnerFixture runner, BrowserFixture browser)
{
    [Fact]
    public async Task SetUpFundAndRound_ThroughTheForms_TheRoundIsOnThePublicOpenCalls()
    {
        await using var context = await SecretariatContextAsync();
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var fundName = $"Freedom Fund {suffix}";
        var roundTitle = $"2027 call: shelters {suffix}";

        await page.GotoAsync("/");
        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "Rounds" }).ClickAsync();
        await page.GetByLabel("Name of the fund").FillAsync(fundName);
        await page.GetByLabel("Currency", new() { Exact = true }).SelectOptionAsync("USD");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up fund" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{fundName} is set up, in USD." })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = fundName })).ToContainTextAsync("USD");
        await Expect(page.GetByLabel("Fund", new() { Exact = true })).ToHaveValueAsync(new Regex("^[0-9a-f-]{36}$"));

        var nairobi = TimeZoneInfo.FindSystemTimeZoneById("Africa/Nairobi");
        string InNairobi(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, nairobi).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var closes = DateTimeOffset.UtcNow.AddDays(30);
        await page.GetByLabel("Title of the round").FillAsync(roundTitle);
        await page.GetByLabel("Description of the round").FillAsync("Grants for shelters and legal aid.");
        await page.GetByLabel("Time zone").SelectOptionAsync("Africa/Nairobi");
        await page.GetByLabel("Opens").FillAsync(InNairobi(DateTimeOffset.UtcNow.AddMinutes(-1)));
        await page.GetByLabel("Deadline").FillAsync(InNairobi(closes));
        await page.GetByLabel("Reviews due (optional)").FillAsync(InNairobi(closes.AddDays(14)));
        await page.GetByLabel("Envelope").FillAsync("500,000.00");
        await page.GetByLabel("Smallest grant").FillAsync("20000");
        await page.GetByLabel("Largest grant").FillAsync("60000.00");
        await page.GetByLabel("Longest project, in months").FillAsync("24");
        var question = page.GetByRole(AriaRole.Group, new() { Name = "Question 1" });
        await question.GetByLabel("Question").FillAsync("Is your organisation a registered non-profit?");
        await Expect(question.GetByLabel("Yes")).ToBeCheckedAsync();
        await FillCriterionAsync(page, 1, "Relevance", "40");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a criterion" }).ClickAsync();
        await FillCriterionAsync(page, 2, "Capacity", "60");
        var document = page.GetByRole(AriaRole.Group, new() { Name = "Document 1" });
        await document.GetByLabel("Title").FillAsync("Detailed budget");
        await document.GetByLabel("Excel (XLSX)").CheckAsync();
        await ScreenshotAsync(page, "secretariat-rounds");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up round" }).ClickAsync();

        var notice = page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"“{roundTitle}” is set up in {fundName}." });
        await Expect(notice).ToBeFocusedAsync();
        await Expect(notice).ToContainTextAsync("It is open now");
        await Expect(notice).ToContainTextAsync("(Africa/Nairobi)");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = fundName })).ToContainTextAsync(roundTitle);
        await Expect(page.GetByLabel("Title of the round")).ToHaveValueAsync(string.Empty);
        Assert.Empty(scriptErrors);
        var secretariat = await runner.SecretariatAsync();
        using var funds = await runner.Client.SendAsync(secretariat.Bearer(HttpMethod.Get, "/api/funds"));
        var fundId = (await ApplicationSetup.Json(funds)).EnumerateArray().Single(f => f.GetProperty("name").GetString() == fundName).GetProperty("id").GetString();
        using var rounds = await runner.Client.SendAsync(secretariat.Bearer(HttpMethod.Get, $"/api/funds/{fundId}/rounds"));
        var stored = Assert.Single((await ApplicationSetup.Json(rounds)).EnumerateArray());
        Assert.Equal(InNairobi(closes.AddDays(14)), InNairobi(stored.GetProperty("reviewDueAt").GetDateTimeOffset()));

        await using var visitorContext = await browser.NewContextAsync(runner.BaseAddress);
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync("/");
        await Nav(visitor).GetByRole(AriaRole.Link, new() { Name = "Open calls" }).ClickAsync();
        var call = await FindCallAsync(visitor, roundTitle);
        var deadline = TimeZoneInfo.ConvertTime(closes, nairobi);
        await Expect(call).ToContainTextAsync($"{deadline.Day} {deadline:MMMM yyyy} at {deadline:HH:mm} (Africa/Nairobi)");
        await Expect(call).ToContainTextAsync("USD 500,000.00");
        await ScreenshotAsync(visitor, "open-calls");
        await call.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Row, new() { Name = "Capacity" })).ToContainTextAsync("60%");
        await Expect(visitor.GetByRole(AriaRole.Row, new() { Name = "Detailed budget" })).ToContainTextAsync("PDF or Excel (XLSX)");
        await Expect(visitor.GetByRole(AriaRole.Row, new() { Name = "Detailed budget" })).ToContainTextAsync("5 MB");
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).Last).ToBeVisibleAsync();
        await Expect(visitor.GetByRole(AriaRole.Button, new() { Name = "Apply" })).ToHaveCountAsync(0);
        await ScreenshotAsync(visitor, "round-details");
    }

    /// <summary>Issue 13.3: a fund's address for applicants' replies, set with the fund and changed on its own form.</summary>
    [Fact]
    public async Task ReplyTo_SetWithTheFundThenChanged_IsShownAndSaved()
    {
        await using var context = await SecretariatContextAsync();
        var page = await context.NewPageAsync();
        var fundName = $"Reply Fund {Guid.NewGuid().ToString("N")[..8]}";

        await page.GotoAsync("/secretariat/rounds.html");
        await page.GetByLabel("Name of the fund").FillAsync(fundName);
        await page.GetByLabel("Currency", new() { Exact = true }).SelectOptionAsync("EUR");
        await page.GetByLabel("Address for applicants' replies (optional)").FillAsync("not an address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up fund" }).ClickAsync();
        await Expect(page.Locator("#fund-reply-to-error")).ToBeVisibleAsync();
        await page.GetByLabel("Address for applicants' replies (optional)").FillAsync("grants@fund.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up fund" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{fundName} is set up" })).ToBeFocusedAsync();

        await page.GetByLabel("Fund to set it for").SelectOptionAsync(new SelectOptionValue { Label = fundName });
        await Expect(page.GetByLabel("Address for replies")).ToHaveValueAsync("grants@fund.example");
        await page.GetByLabel("Address for replies").FillAsync("Applicants@Fund.Example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save address" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Replies to {fundName}'s letters now go to applicants@fund.example." })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task SetUpRound_InvalidTerms_ShowsTheApiErrorsNextToTheirFields()
    {
        await using var context = await SecretariatContextAsync();
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        await page.GotoAsync("/secretariat/rounds.html");
        await page.GetByLabel("Name of the fund").FillAsync($"Validation Fund {Guid.NewGuid():N}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up fund" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "is set up, in USD." })).ToBeFocusedAsync();

        await page.GetByLabel("Title of the round").FillAsync("Round with mistakes");
        await page.GetByLabel("Time zone").SelectOptionAsync("UTC");
        await page.GetByLabel("Opens").FillAsync(DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Deadline").FillAsync(DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Reviews due (optional)").FillAsync(DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Envelope").FillAsync("50000.00");
        await page.GetByLabel("Smallest grant").FillAsync("20000.00");
        await page.GetByLabel("Largest grant").FillAsync("60000.00");
        await page.GetByLabel("Longest project, in months").FillAsync("12");
        await FillCriterionAsync(page, 1, "Relevance", "0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up round" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" })).ToBeFocusedAsync();
        var largest = page.GetByLabel("Largest grant");
        await Expect(largest).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(largest).ToHaveAccessibleDescriptionAsync(new Regex("cannot exceed the envelope"));
        var weight = page.GetByRole(AriaRole.Group, new() { Name = "Criterion 1" }).GetByLabel("Weight");
        await Expect(weight).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(weight).ToHaveAccessibleDescriptionAsync(new Regex("A weight is a whole number from 1 to 100"));
        var reviewsDue = page.GetByLabel("Reviews due (optional)");
        await Expect(reviewsDue).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(reviewsDue).ToHaveAccessibleDescriptionAsync(new Regex("Reviews fall due after the round closes"));
        await Expect(page.GetByLabel("Title of the round")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Title of the round")).ToHaveValueAsync("Round with mistakes");
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task Submissions_FilteredByStatus_ListTheRoundsEligibleApplications()
    {
        var secretariat = await runner.SecretariatAsync();
        var setup = await ApplicationSetup.OpenRoundAsync(runner.Client, secretariat);
        var ngo = await setup.NgoAsync();
        var id = await setup.ReadyAsync(ngo);
        using (var submitted = await runner.Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit")))
        {
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        }

        var draft = await setup.DraftAsync(ngo);
        await Eventually.WaitFor(() => StatusOf(ngo, id), s => s == "Eligible", "screening");

        await using var context = await SecretariatContextAsync();
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        await page.GotoAsync("/secretariat/rounds.html");
        await page.GetByLabel("Round", new() { Exact = true }).SelectOptionAsync(setup.RoundId);
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Eligible");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show applications" }).ClickAsync();

        await Expect(page.Locator("#submissions-result")).ToHaveTextAsync(new Regex("^1 application to .* with the status Eligible\\.$"));
        var table = page.Locator("#submissions");
        await Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(1);
        await Expect(table.GetByRole(AriaRole.Row)).ToContainTextAsync("Safe houses in Tijuana");
        await Expect(table.GetByRole(AriaRole.Row)).ToContainTextAsync("Casa Segura");
        await Expect(table.GetByRole(AriaRole.Row)).ToContainTextAsync("USD 45,000.00");

        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show applications" }).ClickAsync();
        await Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Draft" })).ToHaveCountAsync(1);

        await table.GetByRole(AriaRole.Link, new() { Name = "Safe houses in Tijuana" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Safe houses in Tijuana");
        await Expect(page.Locator("#status-value")).ToHaveTextAsync("Eligible");
        await Expect(page.Locator("#round-line")).ToContainTextAsync(new Regex("^From Casa Segura.*, for the call "));
        await ScreenshotAsync(page, "application-secretariat");
        await Expect(page.GetByLabel("Project title")).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Withdraw application" })).ToBeHiddenAsync();
        Assert.NotEqual(id, draft.Id);
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task EditRound_BeforeItOpens_ChangesItsTextZoneAndScoreDescriptions()
    {
        var secretariat = await runner.SecretariatAsync();
        var roundId = await UpcomingRoundAsync(secretariat);
        await using var context = await SecretariatContextAsync();
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);

        await page.GotoAsync($"/secretariat/round.html?id={roundId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit the round" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit round: Upcoming call" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("America/Mexico_City");
        await Expect(page.GetByLabel("Title of the round")).ToHaveValueAsync("Upcoming call");
        await page.GetByLabel("Title of the round").FillAsync("Upcoming call (revised)");
        await page.GetByLabel("Time zone").SelectOptionAsync("America/Bogota");
        var criterion = page.GetByRole(AriaRole.Group, new() { Name = "Criterion 1" });
        await Expect(criterion.GetByLabel("Title")).ToHaveValueAsync("Relevance");
        await criterion.GetByRole(AriaRole.Button, new() { Name = "Describe a score" }).ClickAsync();
        await criterion.GetByLabel("Score", new() { Exact = true }).FillAsync("12");
        await criterion.GetByLabel("What it means").FillAsync("Beyond the scale");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        var score = criterion.GetByLabel("Score", new() { Exact = true });
        await Expect(score).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(score).ToHaveAccessibleDescriptionAsync(new Regex("from 0 to the maximum score, 10"));
        await score.FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Changes to Upcoming call (revised) saved." })).ToBeFocusedAsync();
        using var read = await runner.Client.GetAsync(new Uri($"/api/rounds/{roundId}", UriKind.Relative));
        var round = await ApplicationSetup.Json(read);
        Assert.Equal(("Upcoming call (revised)", "America/Bogota"), (round.GetProperty("title").GetString(), round.GetProperty("timeZone").GetString()));
        var level = Assert.Single(round.GetProperty("criteria")[0].GetProperty("levels").EnumerateArray());
        Assert.Equal((10, "Beyond the scale"), (level.GetProperty("score").GetInt32(), level.GetProperty("description").GetString()));
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task RoundPage_OpenRound_MovesTheDeadlineRefusesThePastAndClosesEarlyOnlyOnceConfirmed()
    {
        var secretariat = await runner.SecretariatAsync();
        var setup = await ApplicationSetup.OpenRoundAsync(runner.Client, secretariat, TimeSpan.FromDays(3), clock: runner.Clock);
        var mexico = TimeZoneInfo.FindSystemTimeZoneById("America/Mexico_City");
        string InMexico(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, mexico).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await using var context = await SecretariatContextAsync();
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);

        await page.GotoAsync($"/secretariat/round.html?id={setup.RoundId}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit the round" })).ToBeHiddenAsync();
        var later = runner.Clock.GetUtcNow().AddDays(12);
        await page.GetByLabel("New deadline").FillAsync(InMexico(later));
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the deadline" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The deadline is now" })).ToBeFocusedAsync();
        await page.GetByLabel("New deadline").FillAsync(InMexico(runner.Clock.GetUtcNow().AddDays(-1)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the deadline" }).ClickAsync();
        await Expect(page.GetByLabel("New deadline")).ToHaveAccessibleDescriptionAsync(new Regex("Give a deadline that has not passed yet"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Close the round now" }).ClickAsync();
        await Expect(page.GetByLabel("I understand that drafts can no longer be submitted")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.GetByLabel("I understand that drafts can no longer be submitted").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the round now" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The round closed at" })).ToBeFocusedAsync();
        await Expect(page.Locator("#round-status")).ToHaveTextAsync("Closed");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Move the deadline" })).ToBeHiddenAsync();
        using var read = await runner.Client.GetAsync(new Uri($"/api/rounds/{setup.RoundId}", UriKind.Relative));
        Assert.Equal("Closed", (await ApplicationSetup.Json(read)).GetProperty("status").GetString());
        Assert.Empty(scriptErrors);
    }

    private async Task<string> UpcomingRoundAsync(Session secretariat)
    {
        using var fund = await runner.Client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/funds", new { name = $"Edit Fund {Guid.NewGuid():N}", currency = "USD" }));
        var fundId = (await ApplicationSetup.Json(fund)).GetProperty("id").GetString();
        var now = runner.Clock.GetUtcNow();
        var round = System.Text.Json.Nodes.JsonNode.Parse($$"""
            {
              "title": "Upcoming call", "description": "d", "opensAt": "{{now.AddDays(5):O}}", "closesAt": "{{now.AddDays(40):O}}",
              "timeZone": "America/Mexico_City",
              "envelope": { "amount": "500000.00", "currency": "USD" }, "minGrant": { "amount": "20000.00", "currency": "USD" },
              "maxGrant": { "amount": "60000.00", "currency": "USD" }, "maxDurationMonths": 24,
              "eligibility": [ { "id": "registered", "question": "Is the organisation registered?", "requiredAnswer": true } ],
              "criteria": [ { "id": "relevance", "title": "Relevance", "description": null, "weight": 1, "maxScore": 10 } ],
              "requiredDocuments": [ { "type": "budget", "title": "Budget", "maxBytes": 1048576, "contentTypes": ["application/pdf"] } ],
              "reviewersPerApplication": 2, "blindReview": false
            }
            """);
        using var created = await runner.Client.SendAsync(secretariat.Bearer(HttpMethod.Post, $"/api/funds/{fundId}/rounds", round));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await ApplicationSetup.Json(created)).GetProperty("id").GetString()!;
    }

    // The fixture's cached Secretariat session as the browser's cookie: no sign-in link is spent.
    private async Task<IBrowserContext> SecretariatContextAsync()
    {
        var session = await runner.SecretariatAsync();
        var context = await browser.NewContextAsync(runner.BaseAddress);
        var (name, value) = (session.Cookie[..session.Cookie.IndexOf('=', StringComparison.Ordinal)], session.Cookie[(session.Cookie.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        await context.AddCookiesAsync([
            new Microsoft.Playwright.Cookie { Name = name, Value = value, Url = runner.BaseAddress.ToString() },
            new Microsoft.Playwright.Cookie { Name = "tfg_signed_in", Value = "1", Url = runner.BaseAddress.ToString() },
        ]);
        return context;
    }

    private static async Task FillCriterionAsync(IPage page, int number, string title, string weight)
    {
        var criterion = page.GetByRole(AriaRole.Group, new() { Name = $"Criterion {number}" });
        await criterion.GetByLabel("Title").FillAsync(title);
        await criterion.GetByLabel("Weight").FillAsync(weight);
    }

    private async Task<string?> StatusOf(Session ngo, string id)
    {
        using var response = await runner.Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/applications/{id}"));
        return (await ApplicationSetup.Json(response)).GetProperty("status").GetString();
    }
}
