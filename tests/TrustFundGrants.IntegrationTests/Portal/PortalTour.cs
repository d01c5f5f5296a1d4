using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.IntegrationTests.Grants;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// Every page of the portal with the people who see it, set up once through the API: an open call, an
/// NGO with a draft in it, a closed round with a submitted application, a reviewer assigned to it, and
/// the Secretariat. The language and accessibility tours visit each page as each of them.
/// </summary>
internal sealed class PortalTour
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PortalTour? built;

    private PortalTour(IReadOnlyList<Visit> visits) => Visits = visits;

    public IReadOnlyList<Visit> Visits { get; }

    public static async Task<PortalTour> GetAsync(RunnerFixture runner)
    {
        await Gate.WaitAsync();
        try
        {
            return built ??= await BuildAsync(runner);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<PortalTour> BuildAsync(RunnerFixture runner)
    {
        var client = runner.Client;
        var (openRoundId, _) = await PortalWork.OpenRoundAsync(runner);
        var ngo = await NgoAsync(client);
        using var draft = await client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/rounds/{openRoundId}/applications"));
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var draftId = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var round = await ReviewRound.ClosedAsync(runner, "100000.00", blind: false, "Safe houses in Tijuana");
        var reviewerEmail = await round.AddReviewerAsync();
        await round.AutoAssignAsync();
        var reviewer = await SignIn.AsAsync(client, reviewerEmail);
        await round.ReviewAsync(reviewer, round.Applicants[0].Id, 7, 3);
        using var assignments = await client.SendAsync(reviewer.Bearer(HttpMethod.Get, "/api/assignments"));
        var assignmentId = (await assignments.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().First().GetProperty("id").GetString();
        var secretariat = await runner.SecretariatAsync();
        var submittedId = round.Applicants[0].Id;
        var donors = await Donors.DonorSetup.CreateAsync(client, secretariat);
        var (pledge, etag) = await donors.PledgeAsync("5000.00", earmark: new { kind = "country", value = "KH" });
        (await donors.ReceiveAsync(pledge, etag, new { amount = new { amount = "1234.50", currency = "USD" }, valueDate = "2025-02-01" })).Dispose();
        var donor = await donors.DonorSessionAsync();

        // A released approval: the applicant's page after the decision. The grant pages have their own tour (GrantPagesLanguageTests).
        var approved = await Grants.GrantSetup.ApprovedAsync(runner);
        var approvedNgo = approved.Ngo with { Cookie = "tfg_session=" + approved.Ngo.Token };

        return new PortalTour([
            new("anonymous", null, "/"),
            new("anonymous", null, "/signin.html"),
            new("anonymous", null, "/applicant/rounds.html"),
            new("anonymous", null, $"/applicant/round.html?id={openRoundId}"),
            new("applicant", ngo, "/"),
            // Home and the open calls are every role's pages too, with that role's navigation and links.
            new("applicant", ngo, "/"),
            new("applicant", ngo, "/applicant/rounds.html"),
            new("applicant", ngo, "/applicant/applications.html"),
            new("applicant", ngo, $"/applicant/application.html?id={draftId}"),
            new("applicant", ngo, "/applicant/organisation.html"),
            new("applicant", ngo, $"/applicant/round.html?id={openRoundId}"),
            new("reviewer", reviewer, "/"),
            new("reviewer", reviewer, "/review/assignments.html"),
            new("reviewer", reviewer, $"/review/review.html?id={assignmentId}"),
            new("reviewer", reviewer, "/review/conflicts.html"),
            new("secretariat", secretariat, "/"),
            new("secretariat", secretariat, "/secretariat/rounds.html"),
            new("secretariat", secretariat, $"/secretariat/round.html?id={openRoundId}"),
            new("secretariat", secretariat, $"/secretariat/round.html?id={round.Id}"),
            new("secretariat", secretariat, "/secretariat/invitations.html"),
            new("secretariat", secretariat, $"/secretariat/review-panel.html?roundId={round.Id}"),
            new("secretariat", secretariat, $"/secretariat/ranking.html?roundId={round.Id}"),
            new("secretariat", secretariat, $"/secretariat/reviews.html?roundId={round.Id}&applicationId={round.Applicants[0].Id}"),
            new("secretariat", secretariat, $"/applicant/application.html?id={submittedId}"),
            new("secretariat", secretariat, "/secretariat/donors.html"),
            new("secretariat", secretariat, $"/public/fund.html?fund={donors.FundId}"),
            new("anonymous", null, $"/public/fund.html?fund={donors.FundId}"),
            new("donor", donor, "/"),
            new("donor", donor, "/donor/dashboard.html"),
            new("applicant", approvedNgo, $"/applicant/application.html?id={approved.GrantId}"),
        ]);
    }

    /// <summary>An NGO signed in with its organisation registered: the session the registration answers with carries the Applicant role.</summary>
    private static async Task<Session> NgoAsync(HttpClient client)
    {
        var session = await SignIn.AsAsync(client, PortalWork.NewAddress("tour-ngo"));
        using var registered = await client.SendAsync(session.Bearer(HttpMethod.Post, "/api/organisations",
            new { name = $"Refugio {Guid.NewGuid().ToString("N")[..8]}", country = "ES", registrationNumber = "B-2", website = (string?)null, contactEmail = "info@refugio.example.org" }));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var body = await registered.Content.ReadFromJsonAsync<JsonElement>();
        var cookie = registered.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tfg_session=", StringComparison.Ordinal));
        return new Session(body.GetProperty("session").GetProperty("token").GetString()!, cookie.Split(';')[0]);
    }

    /// <summary>A context for `visit`'s person in `locale`; a signed-in person's language is chosen on the device, as the sessions are shared by the tours.</summary>
    public static Task<IBrowserContext> ContextAsync(BrowserFixture browser, RunnerFixture runner, Visit visit, string locale, int width) =>
        ContextAsync(browser, runner, visit.Session, locale, width);

    /// <summary>
    /// One person's device for all their pages at one width in one language, as they browse: one context with
    /// their session, its cache warm after the first page, and axe-core in every page it loads.
    /// </summary>
    public static async Task<IBrowserContext> DeviceAsync(BrowserFixture browser, RunnerFixture runner, Session? session, string locale, int width)
    {
        var context = await ContextAsync(browser, runner, session, locale, width);
        await AxeChecks.AddToEveryPageAsync(context);
        return context;
    }

    private static async Task<IBrowserContext> ContextAsync(BrowserFixture browser, RunnerFixture runner, Session? person, string locale, int width)
    {
        var language = locale[..2];
        var context = await browser.NewContextAsync(runner.BaseAddress, locale, person is null ? null : language);
        if (person is { } session)
        {
            var equals = session.Cookie.IndexOf('=', StringComparison.Ordinal);
            await context.AddCookiesAsync([
                new Microsoft.Playwright.Cookie { Name = session.Cookie[..equals], Value = session.Cookie[(equals + 1)..], Url = runner.BaseAddress.ToString() },
                new Microsoft.Playwright.Cookie { Name = "tfg_signed_in", Value = "1", Url = runner.BaseAddress.ToString() },
            ]);
        }

        await context.NewPageAsync();
        await context.Pages[0].SetViewportSizeAsync(width, 900);
        return context;
    }

    /// <summary>Opens the page and waits until its requests are done, its text is in its language and it has drawn what it read.</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForFunctionAsync("() => !document.documentElement.classList.contains('i18n-pending')");
        // A page that reads data hides its "Loading…" line once it has drawn it; on a loaded machine the network
        // can be quiet for a while before then, and a check made in between would see too little.
        await Assertions.Expect(page.Locator("#loading")).ToBeHiddenAsync();
    }
}

/// <summary>One page as one person sees it.</summary>
internal sealed record Visit(string Role, Session? Session, string Path)
{
    public override string ToString() => $"{Path} as {Role}";
}
