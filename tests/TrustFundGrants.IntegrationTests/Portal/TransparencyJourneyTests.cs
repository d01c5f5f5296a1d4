using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using TrustFundGrants.Domain;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Donors;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.IntegrationTests.Grants;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalSignIn;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// The donors issue's "done when", in Chromium: the Secretariat records two donors' pledges and receipts in the
/// browser (one earmarked to a country, one in another currency with its rate); a grant is committed, paid and
/// reported on (through the API); the donor signs in and sees its contributions, their attribution, the grants
/// reached and the charts; an anonymous visitor sees the public page with a suppressed people cell that the
/// totals shown cannot give away, and downloads IATI and 360Giving files that validate. Every wait is on state.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class TransparencyJourneyTests(RunnerFixture runner, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan Projected = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SecretariatRecordsDonors_DonorSeesAttribution_PublicSeesSuppressedFiguresAndValidExports()
    {
        var grant = await GrantSetup.ApprovedAsync(runner);
        var fundId = grant.Application.FundId;
        await CommittedPaidAndReportedAsync(grant);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var norway = $"Government of Norway {suffix}";
        var lumiere = $"Fondation Lumière {suffix}";

        await using (var secretariat = await SecretariatBrowser.ContextAsync(browser, runner))
        {
            var page = await secretariat.NewPageAsync();
            await page.GotoAsync("/secretariat/donors.html");
            await AddDonorAsync(page, norway, "government", "NO");
            await AddDonorAsync(page, lumiere, "foundation", string.Empty);
            await PledgeAsync(page, norway, fundId, "500000", "NOK", null);
            await PledgeAsync(page, lumiere, fundId, "60000", "USD", "MX");
            await ReceiveAsync(page, norway, "500000", "0.0921", "USD 46,050.00");
            await ReceiveAsync(page, lumiere, "60000", null, "USD 60,000.00");
            await Expect(page.Locator("#contribution-list")).ToContainTextAsync("NOK 500,000.00");
            await Expect(page.Locator("#contribution-list")).ToContainTextAsync("Country: MX");
        }

        var norwayId = await DonorIdAsync(norway);
        var email = $"donor-{suffix}@donor.example";
        using (var invited = await runner.Client.SendAsync(grant.Secretariat.Bearer(HttpMethod.Post, "/api/invitations", new { email, role = "Donor", donorId = norwayId })))
        {
            Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        }

        await using (var donorContext = await browser.NewContextAsync(runner.BaseAddress))
        {
            var page = await donorContext.NewPageAsync();
            await AsAsync(page, runner.Client, email);
            await Nav(page).GetByRole(AriaRole.Link, new() { Name = "My contributions" }).ClickAsync();
            await Expect(page.Locator("#contributions-0-table")).ToContainTextAsync("NOK 500,000.00");
            await Expect(page.Locator("#contributions-0-table")).ToContainTextAsync("USD 46,050.00");
            await UntilAsync(page, "#by-country-0-table", "Mexico");
            await Expect(page.Locator("#by-country-0-table")).ToContainTextAsync("USD 45,000.00");
            await Expect(page.Locator("#grants-0-table")).ToContainTextAsync("Safe houses in Tijuana");
            await Expect(page.Locator("#grants-0-table")).Not.ToContainTextAsync(lumiere);
            await Expect(page.Locator("canvas").Nth(1)).ToBeAttachedAsync(); // the donor's charts are drawn
        }

        await using var visitor = await browser.NewContextAsync(runner.BaseAddress);
        var fund = await visitor.NewPageAsync();
        await fund.GotoAsync($"/public/fund.html?fund={fundId}");
        await UntilAsync(fund, "dl.summary", "USD 106,050.00");
        await Expect(fund.Locator("dl.summary")).ToContainTextAsync("USD 45,000.00");
        await UntilAsync(fund, "#people-table", "suppressed");
        var people = fund.Locator("#people-table");
        await Expect(people.GetByRole(AriaRole.Row, new() { Name = "Female, under 18" })).ToContainTextAsync("suppressed");
        AssertNotRecoverable(await GridAsync(people));
        await Expect(fund.Locator("canvas").Nth(2)).ToBeAttachedAsync(); // the public charts are drawn

        var iati = await DownloadAsync(fund, "IATI 2.03 activities (XML)");
        Assert.Empty(Standards.IatiErrors(iati));
        Assert.Contains("Safe houses in Tijuana", iati, StringComparison.Ordinal);
        Assert.Contains(norway, iati, StringComparison.Ordinal);
        Assert.True(Standards.Is360Giving(await DownloadAsync(fund, "360Giving package (JSON)"), out var errors), errors);
    }

    /// <summary>
    /// The grant's agreement, first payment and accepted report through the API. On a loaded machine a request may
    /// pass its deadline (503, Retry-After); the step is then checked against the grant's state and sent again only
    /// if it did not take effect, as a client that retries would.
    /// </summary>
    private async Task CommittedPaidAndReportedAsync(GrantSetup grant)
    {
        var second = await GrantSetup.SecondSecretariatAsync(runner);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string? Tranche(JsonElement g) => g.GetProperty("tranches").EnumerateArray().FirstOrDefault().TryGetProperty("status", out var s) ? s.GetString() : null;
        var steps = new (Session Who, HttpMethod Method, string Path, object? Body, Func<JsonElement, JsonElement, bool> Done)[]
        {
            (grant.Secretariat, HttpMethod.Put, "/terms", GrantSetup.Terms(), (g, _) => g.GetProperty("tranches").GetArrayLength() > 0),
            (grant.Secretariat, HttpMethod.Post, "/send", null, (g, _) => g.GetProperty("status").GetString() is "AwaitingSignature" or "Active"),
            (grant.Ngo, HttpMethod.Post, "/accept", new { name = "Ana Ruiz", title = "Director" }, (g, _) => g.GetProperty("status").GetString() == "Active"),
            (grant.Secretariat, HttpMethod.Post, "/tranches/1/request", null, (g, _) => Tranche(g) is "Requested" or "Approved" or "Paid"),
            (second, HttpMethod.Post, "/tranches/1/approve", null, (g, _) => Tranche(g) is "Approved" or "Paid"),
            (grant.Secretariat, HttpMethod.Post, "/tranches/1/pay", new { reference = "PAY-" + grant.GrantId[..8], valueDate = today }, (g, _) => Tranche(g) == "Paid"),
            (grant.Ngo, HttpMethod.Put, "/reports/1", GrantSetup.Report(), (_, r) => r.GetProperty("status").GetString() != "Draft" || r.GetProperty("peopleAssisted").GetArrayLength() > 0),
            (grant.Ngo, HttpMethod.Post, "/reports/1/submit", null, (_, r) => r.GetProperty("status").GetString() is "Submitted" or "Accepted"),
            (grant.Secretariat, HttpMethod.Post, "/reports/1/accept", null, (_, r) => r.GetProperty("status").GetString() == "Accepted"),
        };
        foreach (var step in steps)
        {
            await Eventually.WaitFor(
                async () =>
                {
                    var (read, body, _) = await grant.GetAsync();
                    var (reportRead, report, _) = step.Path.StartsWith("/reports", StringComparison.Ordinal)
                        ? await GrantSetup.Send(runner.Client, grant.Secretariat, HttpMethod.Get, $"/api/grants/{grant.GrantId}/reports/1")
                        : (HttpStatusCode.OK, default, null);
                    if (read != HttpStatusCode.OK || reportRead != HttpStatusCode.OK)
                    {
                        return false;
                    }

                    if (step.Done(body, report))
                    {
                        return true;
                    }

                    var (status, problem, _) = await grant.ChangeAsync(step.Who, step.Method, step.Path, step.Body);
                    Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{step.Method} {step.Path}: {status} {problem}");
                    return status == HttpStatusCode.OK;
                },
                done => done,
                $"{step.Method} {step.Path} to take effect",
                Projected);
        }
    }

    private static async Task AddDonorAsync(IPage page, string name, string kind, string country)
    {
        var form = page.Locator("#donor-form");
        await form.GetByLabel("Name").FillAsync(name);
        await form.GetByLabel("Kind").SelectOptionAsync(kind);
        await form.GetByLabel("Country (optional)").FillAsync(country);
        await form.GetByRole(AriaRole.Button, new() { Name = "Add a donor" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync(name);
        await Expect(page.Locator("#donor-list")).ToContainTextAsync(name);
    }

    private static async Task PledgeAsync(IPage page, string donor, string fundId, string amount, string currency, string? country)
    {
        var form = page.Locator("#pledge-form");
        await form.GetByLabel("Donor").SelectOptionAsync(new SelectOptionValue { Label = donor });
        await form.GetByLabel("Fund").SelectOptionAsync(fundId);
        await form.GetByLabel("Amount", new() { Exact = true }).FillAsync(amount);
        await form.GetByLabel("Currency").FillAsync(currency);
        await form.GetByLabel("Pledged on").FillAsync("2025-01-10");
        if (country is not null)
        {
            await form.GetByLabel("Earmark", new() { Exact = true }).SelectOptionAsync("country");
            await form.GetByLabel("Earmarked for").FillAsync(country);
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Record a pledge" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync($"The pledge of {currency}");
        await Expect(page.Locator("#notice")).ToContainTextAsync(donor);
    }

    private static async Task ReceiveAsync(IPage page, string donor, string amount, string? rate, string credited)
    {
        var form = page.Locator("#receipt-form");
        var pledge = form.GetByLabel("Pledge", new() { Exact = true });
        var value = await pledge.Locator("option").Filter(new() { HasText = donor }).GetAttributeAsync("value");
        await pledge.SelectOptionAsync(value!);
        await form.GetByLabel("Amount received, in the pledge’s currency").FillAsync(amount);
        await form.GetByLabel("Value date").FillAsync("2025-02-01");
        if (rate is not null)
        {
            await form.GetByLabel("Exchange rate").FillAsync(rate);
        }
        else
        {
            await Expect(form.GetByLabel("Exchange rate")).ToBeHiddenAsync();
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Record money received" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync(credited);
    }

    private async Task<string> DonorIdAsync(string name)
    {
        var donors = await GrantSetup.Json(runner.Client, await runner.SecretariatAsync(), HttpMethod.Get, "/api/donors");
        return donors.EnumerateArray().Single(d => d.GetProperty("name").GetString() == name).GetProperty("id").GetString()!;
    }

    // The projector runs behind the page: reload until the figure is there, as a person would.
    private static async Task UntilAsync(IPage page, string selector, string text) =>
        await Eventually.WaitFor(
            async () =>
            {
                await page.ReloadAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                var found = page.Locator(selector);
                // On a loaded machine the page may draw it a while after the network went quiet: wait for it to be there.
                try
                {
                    await found.First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 10_000 });
                }
                catch (PlaywrightException)
                {
                    return false;
                }

                // Intl puts a no-break (or narrow no-break) space between a currency code and its amount.
                return (await found.First.InnerTextAsync()).Replace('\u00a0', ' ').Replace('\u202f', ' ').Contains(text, StringComparison.Ordinal);
            },
            found => found,
            $"{text} in {selector}",
            Projected);

    /// <summary>The table as the (rows + 1) × (columns + 1) grid with its totals: null where it reads "suppressed".</summary>
    private static async Task<long?[,]> GridAsync(ILocator table)
    {
        var texts = await table.Locator("tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.querySelectorAll('td')].map(c => c.textContent.trim()))");
        var grid = new long?[texts.Length, texts[0].Length];
        for (var r = 0; r < texts.Length; r++)
        {
            for (var c = 0; c < texts[r].Length; c++)
            {
                grid[r, c] = texts[r][c] == "suppressed" ? null : long.Parse(texts[r][c], NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("en-GB"));
            }
        }

        return grid;
    }

    private static void AssertNotRecoverable(long?[,] grid)
    {
        var hidden = new bool[grid.GetLength(0), grid.GetLength(1)];
        for (var r = 0; r < grid.GetLength(0); r++)
        {
            for (var c = 0; c < grid.GetLength(1); c++)
            {
                Assert.False(grid[r, c] is > 0 and < DisclosureThreshold.Default, $"the public page shows a count of {grid[r, c]}");
                hidden[r, c] = grid[r, c] is null;
            }
        }

        Assert.Contains(true, hidden.Cast<bool>());
        Assert.Null(Suppression.FindBridge(hidden));
    }

    private static async Task<string> DownloadAsync(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync());
        return await File.ReadAllTextAsync(await download.PathAsync());
    }
}
