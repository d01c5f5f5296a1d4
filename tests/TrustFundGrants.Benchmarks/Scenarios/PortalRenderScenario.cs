using System.Text.Json;
using Microsoft.Playwright;
using TrustFundGrants.Benchmarks.Harness;

namespace TrustFundGrants.Benchmarks.Scenarios;

/// <summary>
/// First render of the portal's main pages on a throttled phone connection (issue 13: 400 kbps both
/// ways, 400 ms latency, emulated in Chromium through CDP Network.emulateNetworkConditions, cache off so
/// every visit is a first visit), in Spanish, so the page waits for its catalogue before showing text.
/// Each page is loaded with the catalogue split by area, as shipped, and with the one catalogue per
/// language it replaced (the same page, its two catalogue requests answered with the whole catalogue and
/// nothing), alternating, so the two are measured in the same run on the same machine.
/// </summary>
internal sealed class PortalRenderScenario : IScenario
{
    private const string Chromium = "/usr/bin/chromium";
    private const int Kbps = 400;
    private const int LatencyMs = 400;

    // When the page shows its own text: the catalogue applied, the heading filled and "Loading…" gone.
    private const string ReadyProbe = """
        (() => {
          const ready = () => document.readyState !== 'loading'
            && !document.documentElement.classList.contains('i18n-pending')
            && document.querySelector('h1')?.textContent.trim()
            && !(document.getElementById('loading') && !document.getElementById('loading').hidden);
          const check = () => { if (ready()) { window.tfgReadyAt = performance.now(); } else { requestAnimationFrame(check); } };
          requestAnimationFrame(check);
        })();
        """;

    private const string Measures = """
        () => ({
          paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
          ready: window.tfgReadyAt,
          bytes: [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].reduce((sum, e) => sum + e.transferSize, 0),
          requests: performance.getEntriesByType('resource').length + 1,
        })
        """;

    public string Name => "portal-render";

    public string Description => "first render of home, call, application and ranking pages at 400 kbps / 400 ms in Chromium: catalogue split by area vs one catalogue";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"Chromium is missing at {Chromium}: apt-get install chromium.");
        }

        var rounds = context.Quick ? 2 : 5;
        BenchContext.Progress("portal-render: starting the runner and preparing a call, a draft and a Secretariat session through the API");
        var (runner, address) = await RunnerHost.StartAsync(context, GrantApi.RunnerSettings(), null, null, cancellationToken);
        try
        {
            using var api = new GrantApi(address);
            var secretariat = await api.SecretariatAsync(cancellationToken);
            var roundId = await api.OpenRoundAsync(secretariat, cancellationToken);
            var ngo = (await api.NgosAsync(1, 1, cancellationToken))[0];
            var draftId = await api.ReadyDraftAsync(ngo, roundId, cancellationToken);
            (string Name, string Path, string? Token)[] pages =
            [
                ("home", "/", null),
                ("call", $"/applicant/round.html?id={roundId}", null),
                ("application", $"/applicant/application.html?id={draftId}", ngo.Token),
                ("ranking", $"/secretariat/ranking.html?roundId={roundId}", secretariat),
            ];

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            });
            var samples = new Dictionary<(string Page, bool Split), List<Sample>>();
            BenchContext.Progress(Fmt.Inv($"portal-render: {rounds} cold visits of each page with each catalogue, alternating"));
            for (var round = 0; round < rounds + 1; round++)
            {
                foreach (var page in pages)
                {
                    foreach (var split in round % 2 == 0 ? new[] { true, false } : [false, true])
                    {
                        var sample = await VisitAsync(browser, address, page.Path, page.Token, split);
                        // The first round warms the runner and the browser up; it is not counted.
                        if (round > 0)
                        {
                            if (!samples.TryGetValue((page.Name, split), out var list))
                            {
                                samples[(page.Name, split)] = list = [];
                            }

                            list.Add(sample);
                        }
                    }
                }
            }

            var table = new Table(
                Fmt.Inv($"first visit at {Kbps} kbps, {LatencyMs} ms latency, cache off, es-ES (median of {rounds})"),
                "page", "catalogue", "requests", "transferred KB", "first paint ms", "text shown ms", "text shown: split / one");
            foreach (var page in pages)
            {
                var split = samples[(page.Name, true)];
                var single = samples[(page.Name, false)];
                foreach (var (name, list) in new[] { ("split by area", split), ("one per language", single) })
                {
                    table.Add(
                        page.Name, name,
                        Fmt.Inv($"{Median(list.Select(s => (double)s.Requests)):0}"),
                        Fmt.Inv($"{Median(list.Select(s => s.Bytes / 1024.0)):0.0}"),
                        Fmt.Inv($"{Median(list.Select(s => s.Paint)):0}"),
                        Fmt.Inv($"{Median(list.Select(s => s.Ready)):0}"),
                        name == "split by area" ? Fmt.Inv($"{Median(split.Select(s => s.Ready)) / Median(single.Select(s => s.Ready)):0.00}") : string.Empty);
                }
            }

            table.Note("Transferred bytes are what the browser received (Brotli from the runner, headers included); first paint is Chromium's first-contentful-paint; text shown is when the catalogue is applied, the heading has text and Loading… is gone.");
            table.Note("\"One per language\" answers the page's two catalogue requests with the whole catalogue and an empty one, as the portal fetched its text before the split. The ranking is of an open round (the page and its script, no rows).");
            return [table];
        }
        finally
        {
            await RunnerHost.StopAsync(runner);
        }
    }

    private static async Task<Sample> VisitAsync(IBrowser browser, Uri address, string path, string? token, bool split)
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = address.ToString(), Locale = "es-ES" });
        if (token is not null)
        {
            await context.AddCookiesAsync([
                new Cookie { Name = "tfg_session", Value = token, Url = address.ToString() },
                new Cookie { Name = "tfg_signed_in", Value = "1", Url = address.ToString() },
            ]);
        }

        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync(ReadyProbe);
        var whole = address.ToString().TrimEnd('/') + "/shared/i18n/es.json";
        await page.RouteAsync("**/shared/i18n/es/*.json", async route =>
        {
            if (split)
            {
                await route.ContinueAsync();
            }
            else if (route.Request.Url.EndsWith("/shared.json", StringComparison.Ordinal))
            {
                await route.ContinueAsync(new() { Url = whole });
            }
            else
            {
                await route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = "{}" });
            }
        });
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = LatencyMs,
            ["downloadThroughput"] = Kbps * 1000 / 8,
            ["uploadThroughput"] = Kbps * 1000 / 8,
        });

        await page.GotoAsync(path, new() { Timeout = 120_000 });
        await page.WaitForFunctionAsync("() => window.tfgReadyAt !== undefined", null, new() { Timeout = 120_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 120_000 });
        var measured = await page.EvaluateAsync<JsonElement>(Measures);
        return new Sample(
            measured.GetProperty("paint").GetDouble(),
            measured.GetProperty("ready").GetDouble(),
            measured.GetProperty("bytes").GetDouble(),
            measured.GetProperty("requests").GetInt32());
    }

    private static double Median(IEnumerable<double> values) => new Latencies(values).P50;

    private sealed record Sample(double Paint, double Ready, double Bytes, int Requests);
}
