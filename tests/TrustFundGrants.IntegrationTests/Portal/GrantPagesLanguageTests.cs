using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.IntegrationTests.Grants;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// The grant pages (an active grant, its first report in draft) as the NGO and the Secretariat see them,
/// in English, French and Spanish at 1280 and 390 px: no English left where a translation belongs, no
/// missing text or console error, and no axe-core violation. Apart from the portal tour so that the
/// grant's set-up, which goes through release and the outbox, has a test of its own to fail in.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class GrantPagesLanguageTests(RunnerFixture runner, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en-GB", "Payments")]
    [InlineData("fr-FR", "Paiements")]
    [InlineData("es-ES", "Pagos")]
    public async Task GrantPages_InEachLanguageAndWidth_AreTranslatedAndAxeClean(string locale, string payments)
    {
        var grant = await GrantSetup.ApprovedAsync(runner);
        await grant.ActiveAsync();
        var grantee = new Session(grant.Ngo.Token, "tfg_session=" + grant.Ngo.Token);
        var secretariat = await runner.SecretariatAsync();
        Visit[] visits =
        [
            new("applicant", grantee, "/applicant/grants.html"),
            new("applicant", grantee, $"/applicant/grant.html?id={grant.GrantId}"),
            new("applicant", grantee, $"/applicant/report.html?id={grant.GrantId}&report=1"),
            new("secretariat", secretariat, "/secretariat/grants.html"),
            new("secretariat", secretariat, $"/secretariat/grant.html?id={grant.GrantId}"),
            new("secretariat", secretariat, $"/secretariat/report.html?id={grant.GrantId}&report=1"),
        ];
        foreach (var width in new[] { 1280, 390 })
        {
            foreach (var person in visits.GroupBy(v => v.Session))
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

                    Assert.True(errors.Count == 0, $"{where} logged: {string.Join(" | ", errors)}");
                    if (visit.Path.StartsWith("/applicant/grant.html", StringComparison.Ordinal))
                    {
                        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(payments);
                    }

                    await AxeChecks.AssertNoViolationAsync(page, where);
                }
            }
        }
    }
}
