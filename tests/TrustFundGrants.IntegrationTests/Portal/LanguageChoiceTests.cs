using System.Text.Json;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalSignIn;
using static TrustFundGrants.IntegrationTests.Portal.PortalWork;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// The language switcher in the header: a person whose browser is English switches to French; the choice
/// holds across reloads, is stored with the user (which the letters follow: LetterTests), and follows them to
/// another device.
/// </summary>
[Collection(ApplicantPortalCollection.Name)]
public sealed class LanguageChoiceTests(RunnerFixture runner, BrowserFixture browser)
{
    private const string FrenchHeading = "Des subventions pour les organisations qui soutiennent les survivants de la traite";

    [Fact]
    public async Task Switch_ToFrench_IsRememberedStoredWithTheUserAndFollowedOnAnotherDevice()
    {
        var email = NewAddress("switch");
        await using var first = await browser.NewContextAsync(runner.BaseAddress, "en-GB");
        var page = await first.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        await AsAsync(page, runner.Client, email);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        var languages = page.GetByRole(AriaRole.Navigation, new() { Name = "Language" });
        await languages.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(FrenchHeading);
        var langue = page.GetByRole(AriaRole.Navigation, new() { Name = "Langue" });
        await Expect(langue.Locator("[aria-current=true]")).ToHaveTextAsync("Français");
        await Expect(langue.GetByRole(AriaRole.Button, new() { Name = "English" })).ToBeVisibleAsync();
        using (var me = JsonDocument.Parse(await (await first.APIRequest.GetAsync("/api/me")).TextAsync()))
        {
            Assert.Equal("fr", me.RootElement.GetProperty("language").GetString());
        }

        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter", Exact = true })).ToBeVisibleAsync();

        // Another device, its browser in English: the sign-in link comes in the language of the page it was asked
        // from (the one the person reads there), and once signed in the portal follows the stored language.
        await using var second = await browser.NewContextAsync(runner.BaseAddress, "en-GB");
        var other = await second.NewPageAsync();
        var otherErrors = WatchScriptErrors(other);
        var link = await RequestLinkAsync(other, runner.Client, email);
        await other.GotoAsync(link);
        await other.GetByRole(AriaRole.Button, new() { NameRegex = ContinueAs() }).ClickAsync();
        await Expect(other.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(other.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(FrenchHeading);
        await Expect(other.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter", Exact = true })).ToBeVisibleAsync();

        // Switching back there is stored too; the first device keeps the language chosen on it.
        await other.GetByRole(AriaRole.Navigation, new() { Name = "Langue" }).GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(other.Locator("html")).ToHaveAttributeAsync("lang", "en");
        using (var me = JsonDocument.Parse(await (await second.APIRequest.GetAsync("/api/me")).TextAsync()))
        {
            Assert.Equal("en", me.RootElement.GetProperty("language").GetString());
        }

        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        Assert.Empty(scriptErrors);
        Assert.Empty(otherErrors);
    }
}
