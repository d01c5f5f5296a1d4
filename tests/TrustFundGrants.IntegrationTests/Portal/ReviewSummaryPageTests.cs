using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalWork;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// The Secretariat reads an application's reviews before deciding, in French: both reviewers' scores
/// per criterion, comments, recommendations and recommended amount, named even in a blind round, then
/// decides from there; nobody else may read them.
/// </summary>
[Collection(PanelPortalCollection.Name)]
public sealed class ReviewSummaryPageTests(RunnerFixture runner, BrowserFixture browser)
{
    private const string Title = "Refuge à Dakar";

    [Fact]
    public async Task Reviews_InFrench_ShowBothReviewsFromTheRankingBeforeDeciding()
    {
        var round = await ReviewRound.ClosedAsync(runner, "500000.00", blind: true, Title);
        var (first, second) = (await round.AddReviewerAsync(), await round.AddReviewerAsync());
        await round.AutoAssignAsync();
        var applicationId = round.Applicants[0].Id;
        await SubmitAsync(await SignIn.AsAsync(runner.Client, first), applicationId, 8, 4, "Solide ancrage local.", "fund", "40000.00");
        await SubmitAsync(await SignIn.AsAsync(runner.Client, second), applicationId, 3, 2, "Budget peu détaillé.", "do-not-fund", null);
        await using var context = await SecretariatBrowser.ContextAsync(browser, runner, "fr-FR", "fr");
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);

        await page.GotoAsync($"/secretariat/ranking.html?roundId={round.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Lire les évaluations pour {Title}" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Évaluations de {Title}");
        var reviews = page.Locator("section.review-summary");
        await Expect(reviews).ToHaveCountAsync(2);
        var byFirst = reviews.Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = first }) });
        await Expect(byFirst).ToContainTextAsync("Financer");
        await Expect(byFirst).ToContainTextAsync("Solide ancrage local.");
        await Expect(byFirst.GetByRole(AriaRole.Row, new() { Name = ReviewRound.Relevance })).ToContainTextAsync("8 sur 10");
        await Expect(byFirst).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"40\s000,00\s\$US|40\s000,00\sUSD|USD\s40\s000,00"));
        var bySecond = reviews.Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = second }) });
        await Expect(bySecond).ToContainTextAsync("Ne pas financer");
        await Expect(bySecond).ToContainTextAsync("Budget peu détaillé.");
        await Expect(bySecond).ToContainTextAsync("Aucun indiqué");
        await Expect(page.Locator("#flags")).ToContainTextAsync("Les évaluateurs divergent");

        // Having read them, the Secretariat decides: the ranking opens its decision form on this application.
        await page.GetByRole(AriaRole.Link, new() { Name = "Décider de cette demande" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Décision sur {Title}" })).ToBeFocusedAsync();
        Assert.DoesNotContain("decide=", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Liste d’attente").CheckAsync();
        await page.GetByLabel("La motivation du comité").FillAsync("Un ancrage local solide, mais un budget à préciser.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Expect(page.Locator($"[data-application='{applicationId}']")).ToContainTextAsync("Retenue jusqu’à la communication");
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task Reviews_ForTheApplicantOrAnotherRound_AreRefused()
    {
        var round = await ReviewRound.ClosedAsync(runner, "500000.00", blind: false, "Hotline");
        var applicant = await SignIn.AsAsync(runner.Client, round.Applicants[0].Email);
        var secretariat = await runner.SecretariatAsync();
        var path = $"/api/rounds/{round.Id}/applications/{round.Applicants[0].Id}/reviews";

        using var asApplicant = await runner.Client.SendAsync(applicant.Bearer(HttpMethod.Get, path));
        using var elsewhere = await runner.Client.SendAsync(secretariat.Bearer(HttpMethod.Get, $"/api/rounds/{Guid.CreateVersion7()}/applications/{round.Applicants[0].Id}/reviews"));
        using var asSecretariat = await runner.Client.SendAsync(secretariat.Bearer(HttpMethod.Get, path));

        Assert.Equal(HttpStatusCode.Forbidden, asApplicant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asSecretariat.StatusCode);
        using var body = JsonDocument.Parse(await asSecretariat.Content.ReadAsStringAsync());
        Assert.All(body.RootElement.GetProperty("reviews").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("comments").ValueKind));
    }

    private async Task SubmitAsync(Session reviewer, string applicationId, int relevance, int capacity, string comments, string recommendation, string? amount)
    {
        using var mine = await runner.Client.SendAsync(reviewer.Bearer(HttpMethod.Get, "/api/assignments"));
        using var list = JsonDocument.Parse(await mine.Content.ReadAsStringAsync());
        var assignment = list.RootElement.EnumerateArray().Single(a => a.GetProperty("applicationId").GetString() == applicationId).GetProperty("id").GetString();
        var scores = new Dictionary<string, int> { ["relevance"] = relevance, ["capacity"] = capacity };
        object body = amount is null
            ? new { scores, comments, recommendation }
            : new { scores, comments, recommendation, recommendedAmount = new { amount, currency = "USD" } };
        using var saved = await runner.Client.SendAsync(reviewer.Bearer(HttpMethod.Put, $"/api/assignments/{assignment}/review", body));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var submitted = await runner.Client.SendAsync(reviewer.Bearer(HttpMethod.Post, $"/api/assignments/{assignment}/review/submit"));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
    }
}
