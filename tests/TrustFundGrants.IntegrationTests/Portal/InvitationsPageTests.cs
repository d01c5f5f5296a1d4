using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalSignIn;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>invitations.html in Chromium: only the Secretariat reaches it, and its form sends the invitation.</summary>
[Collection(ApplicantPortalCollection.Name)]
public sealed class InvitationsPageTests(RunnerFixture runner, BrowserFixture browser)
{
    // Also a bootstrap Secretariat address: each address may ask for only a few links per window.
    private const string SecondSecretariat = "second-admin@fund.example";

    private static string NewAddress(string who) => $"{who}-{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task Invite_SecretariatInvitesAReviewer_TheReviewerIsMailed()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await AsAsync(page, runner.Client, RunnerFixture.Secretariat);
        var reviewer = NewAddress("reviewer");

        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "Invitations" }).ClickAsync();
        await page.GetByLabel("Email address").FillAsync(reviewer);
        await page.GetByLabel("Reviewer").CheckAsync();
        await Expect(page.GetByLabel("Donor id")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{reviewer} is invited as Reviewer." })).ToBeFocusedAsync();
        var mails = await Eventually.WaitFor(() => SignIn.MailsToAsync(runner.Client, reviewer), m => m.Length > 0, "the invitation mail");
        Assert.Equal("You are invited to TrustFundGrants as Reviewer", mails[0].GetProperty("subject").GetString());
        Assert.Contains(new Uri(runner.BaseAddress, "/signin.html").ToString(), mails[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Issue 13.8: the page lists who was invited and when; inviting again within a day says no new email went.</summary>
    [Fact]
    public async Task Invite_SamePersonTwice_SaysNoNewEmailAndTheListShowsBoth()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await AsAsync(page, runner.Client, RunnerFixture.Secretariat);
        var reviewer = NewAddress("reviewer");

        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "Invitations" }).ClickAsync();
        for (var i = 0; i < 2; i++)
        {
            await page.GetByLabel("Email address").FillAsync(reviewer);
            await page.GetByLabel("Reviewer").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{reviewer} is invited as Reviewer." })).ToBeFocusedAsync();
        }

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("less than a day ago, so no new email was sent");
        var row = page.GetByRole(AriaRole.Region, new() { Name = "Invitations sent" }).GetByRole(AriaRole.Row).Filter(new() { HasText = reviewer });
        await Expect(row).ToContainTextAsync("Reviewer");
        await Expect(row.GetByRole(AriaRole.Cell).Last).ToHaveTextAsync("2");
        await Eventually.WaitFor(() => SignIn.MailsToAsync(runner.Client, reviewer), m => m.Length > 0, "the invitation mail");
        await runner.QueuesDrainedAsync();
        Assert.Single(await SignIn.MailsToAsync(runner.Client, reviewer));
    }

    [Fact]
    public async Task Invite_DonorRole_AsksForTheDonorId()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await AsAsync(page, runner.Client, SecondSecretariat);
        await page.GotoAsync("/secretariat/invitations.html");

        await page.GetByLabel("Email address").FillAsync(NewAddress("donor"));
        await page.GetByLabel("Donor", new() { Exact = true }).CheckAsync();
        var donorId = page.GetByLabel("Donor id");
        await Expect(donorId).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();
        await Expect(donorId).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(donorId).ToHaveAccessibleDescriptionAsync(new Regex("names the donor"));
    }

    [Fact]
    public async Task InvitationsPage_PersonWithoutSecretariatRole_IsTurnedAwayAndHasNoLink()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await AsAsync(page, runner.Client, NewAddress("ngo"));

        await page.GotoAsync("/secretariat/invitations.html");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This page is not for your role." })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" })).ToHaveCountAsync(0);
        await Expect(Nav(page).GetByRole(AriaRole.Link, new() { Name = "Invitations" })).ToHaveCountAsync(0);
    }
}
