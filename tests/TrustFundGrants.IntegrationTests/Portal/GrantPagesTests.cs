using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.IntegrationTests.Grants;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalWork;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// Issue 10's "done when", in Chromium through the portal: from releasing an approval to the grant closed
/// with its refund, by the Secretariat (two members, four eyes) and the NGO. The application is prepared
/// and decided through the API; every grant step after that is a click or a keystroke on a page.
/// </summary>
[Collection(PanelPortalCollection.Name)]
public sealed class GrantPagesTests(RunnerFixture runner, BrowserFixture browser)
{
    [Fact]
    public async Task Grant_ThroughThePortal_FromReleaseToClosedWithEachEmailOnce()
    {
        var (roundId, grantId, ngo, ngoEmail) = await DecidedAsync();
        await using var first = await SecretariatBrowser.ContextAsync(browser, runner);
        await using var secondContext = await ContextWith(await GrantSetup.SecondSecretariatAsync(runner));
        await using var ngoContext = await ContextWith(ngo);
        var (a, b, n) = (await first.NewPageAsync(), await secondContext.NewPageAsync(), await ngoContext.NewPageAsync());
        var errors = WatchScriptErrors(a);
        errors.AddRange(WatchScriptErrors(n));

        await a.GotoAsync($"/secretariat/ranking.html?roundId={roundId}");
        await a.GetByRole(AriaRole.Button, new() { Name = "Release decisions" }).ClickAsync();
        await a.GetByRole(AriaRole.Button, new() { Name = "Yes, release decisions" }).ClickAsync();
        // Leaving the page before the release answers would cancel it: wait for its notice.
        await Expect(a.Locator("#release-notice")).ToContainTextAsync("1 decision is released.");
        await Eventually.WaitFor(async () =>
        {
            await a.GotoAsync("/secretariat/grants.html");
            // The list is drawn once the page's API calls answer, after the load event (and, on a loaded machine,
            // after the network has gone quiet): count it once it is there, a table or its "none" line, or the page said it could not read it.
            await a.Locator("#grants > *, #notice:not([hidden])").First.WaitForAsync();
            return await a.Locator($"a[href='/secretariat/grant.html?id={grantId}']").CountAsync();
        }, c => c > 0, "the draft grant on the grants page", TimeSpan.FromSeconds(90));
        await a.Locator($"a[href='/secretariat/grant.html?id={grantId}']").First.ClickAsync();
        await Expect(a.Locator("#grant-status")).ToHaveTextAsync("Draft (terms being set)");
        await Click(a, "Save the terms", "Terms saved.");
        await Click(a, "Send the agreement for signature", "Done.");
        await Expect(a.Locator("#grant-status")).ToHaveTextAsync("Awaiting signature");

        await n.GotoAsync($"/applicant/grant.html?id={grantId}");
        await n.GetByLabel("Your full name").FillAsync("Ana Ruiz");
        await n.GetByLabel("Your title or role").FillAsync("Director");
        await n.GetByRole(AriaRole.Button, new() { Name = "Accept the agreement" }).ClickAsync();
        await Expect(n.Locator("#grant-status")).ToHaveTextAsync("Active");

        await PayAsync(a, b, 1);
        await WriteReportAsync(n, grantId, 1, "10000.00", "2000.00");
        await a.GotoAsync($"/secretariat/grant.html?id={grantId}");
        await a.GetByLabel("Comments for the NGO (to return report 1)").FillAsync("Please add the legal aid counts.");
        await Click(a, "Return report 1 with comments", "Report 1 returned.");
        await n.GotoAsync($"/applicant/report.html?id={grantId}&report=1");
        await Expect(n.Locator("#returned")).ToContainTextAsync("Please add the legal aid counts.");
        await n.GetByLabel("Legal", new() { Exact = true }).FillAsync("5");
        await n.GetByRole(AriaRole.Button, new() { Name = "Submit the report" }).ClickAsync();
        await Expect(n.Locator("#notice")).ToContainTextAsync("Your report is submitted.");
        await a.GotoAsync($"/secretariat/grant.html?id={grantId}");
        await Click(a, "Accept report 1", "Report 1 accepted.");
        await Expect(a.GetByRole(AriaRole.Button, new() { Name = "Request payment of tranche 2" })).ToBeVisibleAsync();
        await PayAsync(a, b, 2);

        await WriteReportAsync(n, grantId, 2, "15000.00", "3000.00");
        await a.GotoAsync($"/secretariat/grant.html?id={grantId}");
        await Click(a, "Accept report 2", "Report 2 accepted.");
        await Expect(a.GetByRole(AriaRole.Heading, new() { Name = "Refund owed: USD 6,000.00" })).ToBeVisibleAsync();
        await a.GetByLabel("Amount received").FillAsync("6000.00");
        await a.GetByLabel("Bank reference").FillAsync("RET-1");
        await Click(a, "Record the refund", "Refund recorded.");
        await Expect(a.Locator("#grant-status")).ToHaveTextAsync("Closed");

        var ledger = (await GrantSetup.Json(runner.Client, await runner.SecretariatAsync(), HttpMethod.Get, $"/api/grants/{grantId}/ledger")).GetProperty("items").EnumerateArray()
            .Select(e => (Kind: e.GetProperty("kind").GetString(), Amount: decimal.Parse(e.GetProperty("amount").GetProperty("amount").GetString()!, CultureInfo.InvariantCulture))).ToArray();
        var totals = (await GrantSetup.Json(runner.Client, await runner.SecretariatAsync(), HttpMethod.Get, $"/api/grants/{grantId}")).GetProperty("totals");
        decimal Total(string name) => decimal.Parse(totals.GetProperty(name).GetProperty("amount").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(ledger.Where(e => e.Kind is "commitment" or "adjustment").Sum(e => e.Amount), Total("committed"));
        Assert.Equal(ledger.Where(e => e.Kind == "disbursement").Sum(e => e.Amount), Total("disbursed"));
        Assert.Equal(ledger.Where(e => e.Kind == "refund").Sum(e => e.Amount), Total("refunded"));

        string[] subjects = ["Grant agreement ready to sign", "Tranche 1 paid", "Tranche 2 paid", "Report 1 returned for changes", "Report 1 accepted", "Report 2 accepted"];
        await Eventually.WaitFor(() => Subjects(ngoEmail), s => subjects.All(x => s.Any(m => m.StartsWith(x, StringComparison.Ordinal))), "every grant email");
        await runner.QueuesDrainedAsync();
        var mails = await Subjects(ngoEmail);
        Assert.All(subjects, x => Assert.Single(mails, m => m.StartsWith(x, StringComparison.Ordinal)));
        Assert.Empty(errors);
    }

    private static async Task Click(IPage page, string button, string done)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync(done);
    }

    private static async Task PayAsync(IPage first, IPage second, int tranche)
    {
        var grantUrl = first.Url;
        await first.GotoAsync(grantUrl);
        await Click(first, $"Request payment of tranche {tranche}", $"Payment of tranche {tranche} requested");
        await first.GetByRole(AriaRole.Button, new() { Name = $"Approve payment of tranche {tranche}" }).ClickAsync();
        await Expect(first.Locator("#notice")).ToContainTextAsync("a different Secretariat member must approve it");
        await second.GotoAsync(grantUrl);
        await Click(second, $"Approve payment of tranche {tranche}", $"Payment of tranche {tranche} approved.");
        await first.GotoAsync(grantUrl);
        await first.GetByLabel($"Payment reference for tranche {tranche}").FillAsync($"BANK-{tranche}-{Guid.NewGuid():N}"[..20]);
        await Click(first, $"Record tranche {tranche} paid", $"Tranche {tranche} recorded paid.");
    }

    private static async Task WriteReportAsync(IPage page, string grantId, int report, string shelter, string legal)
    {
        await page.GotoAsync($"/applicant/report.html?id={grantId}&report={report}");
        await page.GetByLabel("Activities").FillAsync("Shelter and legal aid in Tijuana.");
        await page.GetByLabel("Results", new() { Exact = true }).FillAsync("Women found safe housing.");
        await page.GetByLabel("Sexual exploitation: Female, adult").FillAsync("14");
        await page.GetByLabel("Sexual exploitation: Female, under 18").FillAsync("3");
        await Expect(page.Locator("#people-total")).ToHaveTextAsync("17");
        await page.GetByLabel("Shelter", new() { Exact = true }).FillAsync("14");
        await page.GetByLabel("Spent on shelter in this period").FillAsync(shelter);
        await page.GetByLabel("Spent on legal in this period").FillAsync(legal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the report" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("Your report is submitted.");
    }

    private async Task<(string RoundId, string ApplicationId, Session Ngo, string Email)> DecidedAsync()
    {
        var client = runner.Client;
        var setup = await ApplicationSetup.OpenRoundAsync(client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var id = await setup.ReadyAsync(ngo);
        using var submitted = await client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));
        await Eventually.WaitFor(async () => (await GrantSetup.Json(client, ngo, HttpMethod.Get, $"/api/applications/{id}")).GetProperty("status").GetString(), s => s == "Eligible", "screening");
        using var decided = await client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/applications/{id}/decision",
            new { outcome = "approved", approvedAmount = new { amount = "45000.00", currency = "USD" }, rationale = "Strong and well costed." }));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var email = (await GrantSetup.Json(client, ngo, HttpMethod.Get, "/api/me")).GetProperty("email").GetString()!;
        return (setup.RoundId, id, ngo, email);
    }

    private async Task<IBrowserContext> ContextWith(Session session)
    {
        var context = await browser.NewContextAsync(runner.BaseAddress);
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "tfg_session", Value = session.Token, Url = runner.BaseAddress.ToString() }]);
        return context;
    }

    private async Task<List<string>> Subjects(string email) =>
        [.. (await SignIn.MailsToAsync(runner.Client, email)).Select(m => m.GetProperty("subject").GetString()!)];
}
