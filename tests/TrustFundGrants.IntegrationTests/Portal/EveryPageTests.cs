using System.Text.Json;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// Every page, as each person who sees it, in English, French and Spanish, at desktop (1280 px) and phone
/// (390 px) widths: its text in the page's language with no missing text, no script error or failing
/// request in the console, and no axe-core violation of any impact (the first one fails the test). Each person
/// browses their pages in one tab of their own device (<see cref="PortalTour.DeviceAsync"/>), per width and language.
/// </summary>
[Collection(PortalTourCollection.Name)]
public sealed class EveryPageTests(RunnerFixture runner, BrowserFixture browser)
{
    [Theory]
    [InlineData("en-GB")]
    [InlineData("fr-FR")]
    [InlineData("es-ES")]
    public async Task EveryPage_InEachLanguageAndWidth_HasItsTextNoConsoleErrorAndNoAxeViolation(string locale)
    {
        var tour = await PortalTour.GetAsync(runner);
        var language = locale[..2];
        var catalogue = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Repo.Root, "web", "shared", "i18n", language + ".json")))!;
        foreach (var width in new[] { 1280, 390 })
        {
            foreach (var person in tour.Visits.GroupBy(v => v.Session))
            {
                await using var context = await PortalTour.DeviceAsync(browser, runner, person.Key, locale, width);
                var page = context.Pages[0];
                var errors = new List<string>();
                page.Console += (_, message) =>
                {
                    if (message.Type == "error")
                    {
                        errors.Add(message.Text);
                    }
                };
                page.PageError += (_, error) => errors.Add(error);
                foreach (var visit in person)
                {
                    var where = $"{visit} in {locale} at {width} px";
                    errors.Clear();

                    await PortalTour.OpenAsync(page, visit.Path);

                    Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
                    var heading = await page.Locator("h1").First.TextContentAsync();
                    Assert.False(string.IsNullOrWhiteSpace(heading), $"{where}: no heading");
                    var text = await page.Locator("body").InnerTextAsync();
                    var shownKeys = catalogue.Keys.Where(key => key.Contains('.', StringComparison.Ordinal) && text.Contains(key, StringComparison.Ordinal)).ToArray();
                    Assert.True(shownKeys.Length == 0, $"{where} shows keys instead of text: {string.Join(", ", shownKeys)}");
                    Assert.True(errors.Count == 0, $"{where} logged: {string.Join(" | ", errors)}");

                    await AxeChecks.AssertNoViolationAsync(page, where);
                }
            }
        }
    }
}
