using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// A browser signed in as the fixture's one Secretariat: its session cookie is set on a fresh
/// context, since the Secretariat addresses may ask for only a few sign-in links a run.
/// </summary>
internal static class SecretariatBrowser
{
    /// <summary>The session is shared, so its language is pinned on the device: tests in another language cannot switch it.</summary>
    public static async Task<IBrowserContext> ContextAsync(BrowserFixture browser, RunnerFixture runner, string locale = "en-GB", string language = "en")
    {
        var session = await runner.SecretariatAsync();
        var context = await browser.NewContextAsync(runner.BaseAddress, locale, language);
        var equals = session.Cookie.IndexOf('=', StringComparison.Ordinal);
        await context.AddCookiesAsync([
            new Cookie { Name = session.Cookie[..equals], Value = session.Cookie[(equals + 1)..], Url = runner.BaseAddress.ToString() },
            new Cookie { Name = "tfg_signed_in", Value = "1", Url = runner.BaseAddress.ToString() },
        ]);
        return context;
    }
}
