using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalSignIn;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>organisation.html in Chromium: registering an NGO, editing it with If-Match, inviting a colleague who accepts, removing and leaving.</summary>
[Collection(ApplicantPortalCollection.Name)]
public sealed partial class OrganisationPageTests(RunnerFixture runner, BrowserFixture browser)
{
    private static string NewAddress() => $"ngo-{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task Register_ThroughTheForm_ShowsTheOrganisationAndApplicantNavigation()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        var apiCalls = new List<IRequest>();
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
            {
                apiCalls.Add(request);
            }
        };
        await AsAsync(page, runner.Client, NewAddress());

        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "Register organisation" }).ClickAsync();
        await FillProfileAsync(page, "Safe Haven Kenya");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register organisation" }).ClickAsync();

        var notice = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Safe Haven Kenya is registered." });
        await Expect(notice).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Safe Haven Kenya");
        await Expect(page.Locator("#profile-details")).ToContainTextAsync("Kenya");
        await Expect(page.Locator("#profile-details")).ToContainTextAsync("https://www.safehaven.example");
        await Expect(Nav(page).GetByRole(AriaRole.Link, new() { Name = "My organisation" })).ToBeVisibleAsync();
        await Expect(Nav(page).GetByRole(AriaRole.Link, new() { Name = "Register organisation" })).ToHaveCountAsync(0);
        await Expect(Nav(page).GetByRole(AriaRole.Link, new() { Name = "Invitations" })).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Safe Haven Kenya");
        await Expect(page.GetByLabel("Country of registration")).ToHaveValueAsync("KE");

        // Every API call, not only the changes, carries the portal's header (the API's CSRF check) and no bearer token.
        Assert.Contains(apiCalls, r => r.Method == "POST" && r.Url.EndsWith("/api/organisations", StringComparison.Ordinal));
        Assert.All(apiCalls, r => Assert.Equal("1", r.Headers.GetValueOrDefault("x-tfg-request")));
        Assert.All(apiCalls, r => Assert.False(r.Headers.ContainsKey("authorization")));
    }

    [Fact]
    public async Task Register_MissingFields_ShowsEachProblemNextToItsField()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await AsAsync(page, runner.Client, NewAddress());
        await page.GotoAsync("/applicant/organisation.html");

        await page.GetByLabel("Organisation name").FillAsync("Safe Haven Kenya");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register organisation" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();
        await Expect(page.GetByLabel("Country of registration")).ToHaveAccessibleDescriptionAsync("Choose the country where your organisation is registered.");
        await Expect(page.GetByLabel("Contact email")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Organisation name")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Nav(page).GetByRole(AriaRole.Link, new() { Name = "Register organisation" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Edit_ThroughTheForm_SavesTheChange()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await RegisterAsync(page, NewAddress());

        await page.GetByLabel("Organisation name").FillAsync("Safe Haven Kenya Trust");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your changes are saved." })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Safe Haven Kenya Trust");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Safe Haven Kenya Trust");
    }

    [Fact]
    public async Task Edit_NotToBeNamedInPublic_IsSavedShownAndKeptThroughLaterEdits()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await RegisterAsync(page, NewAddress());
        var notNamed = page.GetByLabel("Do not name our organisation in public");
        await Expect(notNamed).Not.ToBeCheckedAsync();

        await notNamed.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your changes are saved." })).ToBeFocusedAsync();
        await page.ReloadAsync();
        await Expect(notNamed).ToBeCheckedAsync();
        await page.GetByLabel("Organisation name").FillAsync("Safe Haven Kenya Trust");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your changes are saved." })).ToBeFocusedAsync();

        Assert.True(await page.EvaluateAsync<bool>(
            "fetch('/api/me').then(r => r.json()).then(me => fetch(`/api/organisations/${me.organisationId}`)).then(r => r.json()).then(o => o.notNamedPublicly)"));
    }

    [Fact]
    public async Task Edit_ChangedMeanwhile_SaysSoAndKeepsTheOtherChange()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        var email = NewAddress();
        await RegisterAsync(page, email);
        var colleague = await SignIn.AsAsync(runner.Client, email);
        var id = await page.EvaluateAsync<string>("fetch('/api/me').then(r => r.json()).then(me => me.organisationId)");
        await ChangeNameAsync(colleague, id, "Changed Meanwhile");

        await page.GetByLabel("Organisation name").FillAsync("Changed In The Browser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToBeFocusedAsync();
        await Expect(alert).ToContainTextAsync("Someone changed these details meanwhile.");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Reload the details" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Changed Meanwhile");
    }

    [Fact]
    public async Task InviteAcceptRemove_ThroughThePages_ChangesMembershipOnlyWhenTheInviteeAccepts()
    {
        await using var founderContext = await browser.NewContextAsync(runner.BaseAddress);
        var founder = await founderContext.NewPageAsync();
        await RegisterAsync(founder, NewAddress());
        var colleague = NewAddress();

        await founder.GetByLabel("Colleague’s email address").FillAsync(colleague);
        await founder.GetByRole(AriaRole.Button, new() { Name = "Invite colleague" }).ClickAsync();

        await Expect(founder.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{colleague} is invited." })).ToBeFocusedAsync();
        await Expect(founder.GetByLabel("Colleague’s email address")).ToHaveValueAsync(string.Empty);
        await Expect(founder.Locator("#pending-list")).ToContainTextAsync(colleague);
        var mails = await Eventually.WaitFor(() => SignIn.MailsToAsync(runner.Client, colleague), m => m.Length > 0, "the invitation");
        Assert.Equal("Invitation to join Safe Haven Kenya on TrustFundGrants", mails[0].GetProperty("subject").GetString());
        var link = InvitationLink().Match(mails[0].GetProperty("text").GetString()!).Value;

        await using var colleagueContext = await browser.NewContextAsync(runner.BaseAddress);
        var invitee = await colleagueContext.NewPageAsync();
        await AsAsync(invitee, runner.Client, colleague);
        await invitee.GotoAsync(link);
        await Expect(invitee.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Join Safe Haven Kenya");
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Accept the invitation" }).ClickAsync();

        await Expect(invitee.GetByRole(AriaRole.Status).Filter(new() { HasText = "You joined Safe Haven Kenya." })).ToBeFocusedAsync();
        await Expect(invitee.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Safe Haven Kenya");

        await founder.ReloadAsync();
        await founder.GetByRole(AriaRole.Button, new() { Name = $"Remove {colleague}" }).ClickAsync();
        await Expect(founder.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{colleague} is no longer a member." })).ToBeFocusedAsync();
        await Expect(founder.Locator("#member-list li")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Leave_AsTheOnlyMember_SaysWhyAndStays()
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        await RegisterAsync(page, NewAddress());

        await page.GetByRole(AriaRole.Button, new() { Name = "Leave the organisation" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToBeFocusedAsync();
        await Expect(alert).ToContainTextAsync("only member");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Safe Haven Kenya");
    }

    [GeneratedRegex(@"/applicant/organisation\.html\?invitation=[0-9a-f-]+")]
    private static partial Regex InvitationLink();

    private async Task RegisterAsync(IPage page, string email)
    {
        await AsAsync(page, runner.Client, email);
        await page.GotoAsync("/applicant/organisation.html");
        await FillProfileAsync(page, "Safe Haven Kenya");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register organisation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change the details" })).ToBeVisibleAsync();
    }

    private static async Task FillProfileAsync(IPage page, string name)
    {
        await page.GetByLabel("Organisation name").FillAsync(name);
        await page.GetByLabel("Country of registration").SelectOptionAsync(new SelectOptionValue { Label = "Kenya" });
        await page.GetByLabel("Registration number").FillAsync("NGO/1234/2020");
        await page.GetByLabel("Website (optional)").FillAsync("www.safehaven.example");
        await page.GetByLabel("Contact email").FillAsync("office@safehaven.example");
    }

    private async Task ChangeNameAsync(Session session, string organisationId, string name)
    {
        var uri = $"/api/organisations/{organisationId}";
        using var read = await runner.Client.SendAsync(session.Bearer(HttpMethod.Get, uri));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var profile = await read.Content.ReadFromJsonAsync<JsonElement>();
        using var change = session.Bearer(HttpMethod.Put, uri, new
        {
            name,
            country = profile.GetProperty("country").GetString(),
            registrationNumber = profile.GetProperty("registrationNumber").GetString(),
            website = profile.GetProperty("website").GetString(),
            contactEmail = profile.GetProperty("contactEmail").GetString(),
        });
        change.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        using var changed = await runner.Client.SendAsync(change);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }
}
