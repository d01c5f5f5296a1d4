using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Donors;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalSignIn;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>The public fund page (no sign-in) and the donor dashboard in Chromium: charts from the npm Chart.js, tables, CSV.</summary>
[Collection(ApplicantPortalCollection.Name)]
public sealed class DonorPagesTests(RunnerFixture runner, BrowserFixture browser)
{
    [Fact]
    public async Task PublicFundPage_Anonymous_ShowsTheFiguresWithChartsTablesAndASuppressedCell()
    {
        var setup = await DonorSetup.CreateAsync(runner.Client, await runner.SecretariatAsync());
        var (pledge, etag) = await setup.PledgeAsync("5000.00");
        (await setup.ReceiveAsync(pledge, etag, new { amount = new { amount = "1234.50", currency = "USD" }, valueDate = "2025-02-01" })).Dispose();
        await setup.ReceivedEventuallyAsync("1234.50");
        await DisclosureSweepTests.SeedSmallCountsAsync(runner, setup.FundId);
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/public/fund.html?fund={setup.FundId}");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Trust Fund for Survivors: dashboard" })).ToBeVisibleAsync();
        await Expect(page.Locator("dl.summary")).ToContainTextAsync("USD 1,234.50");
        var people = page.Locator("#people-table");
        await Expect(people.GetByRole(AriaRole.Row, new() { Name = "Female, under 18" })).ToContainTextAsync("suppressed");
        await Expect(people).Not.ToContainTextAsync("\u00a03\u00a0");
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Chart === 'function'"));
        await Expect(page.Locator("canvas").Nth(2)).ToBeAttachedAsync();
        var csv = page.GetByRole(AriaRole.Link, new() { Name = "Download this table (CSV)" }).First;
        await Expect(csv).ToHaveAttributeAsync("download", "by-year.csv");
        await page.GetByLabel("Period").SelectOptionAsync("2025");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "In 2025" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DonorDashboard_SignedInDonor_SeesItsContributionsAndTheirAttribution()
    {
        var setup = await DonorSetup.CreateAsync(runner.Client, await runner.SecretariatAsync());
        var (pledge, etag) = await setup.PledgeAsync("30000.00", earmark: new { kind = "country", value = "KH" });
        (await setup.ReceiveAsync(pledge, etag, new { amount = new { amount = "30000.00", currency = "USD" }, valueDate = "2025-02-01" })).Dispose();
        await setup.ReceivedEventuallyAsync("30000.00");
        var email = $"donor-{Guid.NewGuid():N}@donor.example";
        using (var invited = await runner.Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, "/api/invitations", new { email, role = "Donor", donorId = setup.DonorId })))
        {
            invited.EnsureSuccessStatusCode();
        }

        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await AsAsync(page, runner.Client, email);

        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "My contributions" }).ClickAsync();

        await Expect(page.Locator("#contributions-0-table")).ToContainTextAsync("USD 30,000.00");
        await Expect(page.Locator("#earmarked-0-table")).ToContainTextAsync("Country: Cambodia");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "the fund’s public dashboard" })).ToHaveAttributeAsync("href", $"/public/fund.html?fund={setup.FundId}");
    }
}
