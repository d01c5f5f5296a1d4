using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// axe-core in the portal's pages, with the script Deque.AxeCore.Playwright bundles (the same version and default
/// rules as its <c>RunAxe</c>). <c>RunAxe</c> evaluates the 500 KB script in the page and again in a new page of a
/// new context of its own, where it assembles the results, on every check; a tour puts the script in every page
/// of its context once instead, and a check only runs it.
/// </summary>
internal static class AxeChecks
{
    private static readonly Lazy<string> Script = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>From now on every page the context loads has axe-core before the page's own scripts run.</summary>
    public static Task AddToEveryPageAsync(IBrowserContext context) => context.AddInitScriptAsync(Script.Value);

    /// <summary>axe-core's default rules on the whole page as it is now; the script is injected first where the context did not add it.</summary>
    public static async Task<AxeResult> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"))
        {
            await page.EvaluateAsync($"() => {{ {Script.Value} }}");
        }

        var json = await page.EvaluateAsync<string>("async () => JSON.stringify(await window.axe.run(document))");
        return new AxeResult(JObject.Parse(json));
    }

    /// <summary>The first violation of any impact fails the test, named with where it was seen.</summary>
    public static async Task AssertNoViolationAsync(IPage page, string where)
    {
        var first = (await RunAsync(page)).Violations.FirstOrDefault();
        Assert.True(first is null, first is null ? string.Empty : $"{where}: axe {first.Id} ({first.Impact}): {first.Help} at {string.Join(", ", first.Nodes.Select(n => n.Target?.ToString()))} — {first.Nodes.FirstOrDefault()?.Html}");
    }
}
