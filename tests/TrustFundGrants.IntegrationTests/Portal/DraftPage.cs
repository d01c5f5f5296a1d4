using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static TrustFundGrants.IntegrationTests.Portal.PortalWork;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// An NGO signed in to a browser of its own, on its fresh draft's application page in an open round:
/// where most application-page tests start. Disposing closes the browser context.
/// </summary>
internal sealed class DraftPage : IAsyncDisposable
{
    private DraftPage(IBrowserContext context, IPage page, string id, List<string> scriptErrors) =>
        (Context, Page, Id, ScriptErrors) = (context, page, id, scriptErrors);

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string Id { get; }

    public List<string> ScriptErrors { get; }

    public static async Task<DraftPage> OpenAsync(RunnerFixture runner, BrowserFixture browser, TimeSpan? closesIn = null)
    {
        var (roundId, _) = await OpenRoundAsync(runner, closesIn);
        var context = await browser.NewContextAsync(runner.BaseAddress);
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        await NgoAsync(page, runner);
        var id = await DraftAsync(page, roundId);
        await page.GotoAsync($"/applicant/application.html?id={id}");
        return new DraftPage(context, page, id, scriptErrors);
    }

    public void Deconstruct(out IBrowserContext context, out IPage page, out string id, out List<string> scriptErrors) =>
        (context, page, id, scriptErrors) = (Context, Page, Id, ScriptErrors);

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
