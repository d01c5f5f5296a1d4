using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// One headless Chromium for a collection: Debian's package at /usr/bin/chromium (installed by
/// .ci/run), driven by Playwright's bundled driver, so no browser is downloaded. Each test opens its
/// own context, which starts with no cookies, so tests cannot see each other's sessions.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // The runner compiles and warms up on first use; a cold request can take a few seconds on CI.
    private const float TimeoutMs = 20_000;

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: apt-get install chromium (.ci/run does).");
        }

        Assertions.SetDefaultExpectTimeout(TimeoutMs);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh context (no cookies) whose relative URLs resolve against the runner, with the browser's
    /// language set to <paramref name="locale"/>. <paramref name="chosenLanguage"/> is a portal language
    /// the person already chose on this device (kept in localStorage), which a shared session's stored
    /// language then cannot override.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress, string locale = "en-GB", string? chosenLanguage = null)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), Locale = locale });
        context.SetDefaultTimeout(TimeoutMs);
        if (chosenLanguage is not null)
        {
            await context.AddInitScriptAsync($"localStorage.setItem('tfg-language', '{chosenLanguage}');");
        }

        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}

/// <summary>The applicant's and sign-in pages: one runner, one Azurite and one Chromium, beside the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class ApplicantPortalCollection : ICollectionFixture<RunnerFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "portal-applicants";
}

/// <summary>The Secretariat's and the review panel's pages: one runner, one Azurite and one Chromium of their own.</summary>
[CollectionDefinition(Name)]
public sealed class PanelPortalCollection : ICollectionFixture<RunnerFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "portal-panel";
}

/// <summary>
/// The language and accessibility tour of every page: the suite's costliest class (most of its time is Chromium
/// rendering and axe-core), so it has a runner, an Azurite and a Chromium of its own and runs beside the rest.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PortalTourCollection : ICollectionFixture<RunnerFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "portal-tour";
}
