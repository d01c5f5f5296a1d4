using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// The tours' axe-core checks (<see cref="AxeChecks"/>, the script put in every page of a device) hold a page to
/// exactly the rules Deque.AxeCore.Playwright's <c>RunAxe</c> does: on a page built to break several of them, both
/// report the same rules, on as many elements, in every outcome.
/// </summary>
[Collection(PortalTourCollection.Name)]
public sealed class AxeChecksTests(RunnerFixture runner, BrowserFixture browser)
{
    private const string Broken = """
        <!doctype html>
        <html lang="en">
        <head><title>Broken on purpose</title></head>
        <body>
          <main>
            <h1>Broken on purpose</h1>
            <img src="/photo.png">
            <input type="text">
            <button></button>
            <p style="color:#bbb;background:#fff">Pale text</p>
            <a href="/somewhere"></a>
          </main>
        </body>
        </html>
        """;

    [Fact]
    public async Task DeviceAxe_OnAPageBreakingSeveralRules_ReportsWhatRunAxeReports()
    {
        await using var context = await PortalTour.DeviceAsync(browser, runner, null, "en-GB", 1280);
        var page = context.Pages[0];
        await page.RouteAsync("**/broken-on-purpose.html", route => route.FulfillAsync(new() { ContentType = "text/html", Body = Broken }));
        await page.GotoAsync("/broken-on-purpose.html");

        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"), "the device's pages do not have axe-core");
        var ours = await AxeChecks.RunAsync(page);
        var library = await page.RunAxe();

        Assert.Superset(new HashSet<string> { "image-alt", "label", "button-name", "color-contrast", "link-name" }, ours.Violations.Select(v => v.Id).ToHashSet());
        Assert.Equal(Ids(library.Violations), Ids(ours.Violations));
        Assert.Equal(Ids(library.Passes), Ids(ours.Passes));
        Assert.Equal(Ids(library.Incomplete), Ids(ours.Incomplete));
        Assert.Equal(Ids(library.Inapplicable), Ids(ours.Inapplicable));
    }

    /// <summary>Each rule with how many elements it judged.</summary>
    private static string[] Ids(AxeResultItem[] items) => [.. items.Select(i => $"{i.Id} ×{i.Nodes.Length}").Order(StringComparer.Ordinal)];
}
