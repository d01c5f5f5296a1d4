using System.Text.Json;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// The portal on a phone and from a keyboard: the main tables stack into labelled rows at 390 px with
/// nothing scrolling sideways (and stay tables at 1280 px), every control shows a clear focus outline
/// when reached with Tab, and the pages anyone may open make no failing request.
/// </summary>
// With the tour's own runner: the API collection's tests step its clock, which closes the tour's open round under it.
[Collection(PortalTourCollection.Name)]
public sealed class PhoneAndKeyboardTests(RunnerFixture runner, BrowserFixture browser)
{
    private static readonly string[] TablePages =
        ["/secretariat/rounds.html", "/secretariat/review-panel.html", "/secretariat/ranking.html", "/secretariat/reviews.html", "/applicant/applications.html", "/review/assignments.html"];

    // Every table in a scrolling box that has rows: its rows' display, whether each cell is named after its
    // column, and whether the table or the page is wider than the screen.
    private const string TableState = """
        () => [...document.querySelectorAll('.table-wrap > table')].filter((table) => table.offsetParent && table.tBodies[0]?.rows.length).map((table) => {
          const names = [...table.tHead.rows[0].cells].map((cell) => cell.textContent.trim());
          const cells = [...table.tBodies[0].rows].flatMap((row) => [...row.cells].map((cell, index) => ({ cell, index })))
            .filter(({ cell }) => cell.colSpan === 1 && row0Aligned(cell));
          function row0Aligned(cell) { return [...cell.parentElement.cells].every((each) => each.colSpan === 1); }
          return {
            caption: table.caption?.textContent.trim() ?? names.join('|'),
            rowDisplay: getComputedStyle(table.tBodies[0].rows[0]).display,
            unlabelled: cells.filter(({ cell, index }) => cell.dataset.label !== names[index]).length,
            role: table.getAttribute('role'),
            tooWide: table.getBoundingClientRect().width > table.parentElement.clientWidth + 1,
            pageTooWide: document.documentElement.scrollWidth > innerWidth + 1,
            widest: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
              .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replaceAll(' ', '.') : '')).slice(-3).join(' < '),
          };
        })
        """;

    [Fact]
    public async Task MainTables_AtPhoneWidth_StackIntoRowsNamedByColumnWithNothingScrollingSideways()
    {
        var tour = await PortalTour.GetAsync(runner);
        var checkedTables = 0;
        foreach (var visit in tour.Visits.Where(v => TablePages.Any(p => v.Path.StartsWith(p, StringComparison.Ordinal))))
        {
            foreach (var width in new[] { 390, 1280 })
            {
                await using var context = await PortalTour.ContextAsync(browser, runner, visit, "en-GB", width);
                var page = context.Pages[0];
                await PortalTour.OpenAsync(page, visit.Path);

                // Each of these pages shows the tour's rows in a table once its data has come (network idle is not enough
                // on a loaded machine: a script may not have asked yet); the labels follow each redraw of the rows, so
                // wait for a table with rows whose every cell carries its column's name.
                await page.WaitForFunctionAsync($"() => {{ const tables = ({TableState})(); return tables.length > 0 && tables.every((table) => table.unlabelled === 0); }}");
                var tables = (await page.EvaluateAsync<JsonElement>(TableState)).EnumerateArray().Select(TableFacts.From).ToList();

                foreach (var table in tables)
                {
                    var where = $"{visit} at {width} px, table \"{table.Caption}\"";
                    Assert.Equal("table", table.Role);
                    Assert.True(width == 390 ? table.RowDisplay == "block" : table.RowDisplay == "table-row", $"{where}: rows display as {table.RowDisplay}");
                    if (width == 390)
                    {
                        Assert.False(table.TooWide, $"{where} is wider than the screen");
                        Assert.False(table.PageTooWide, $"{where}: the page scrolls sideways, past its edge: {table.Widest}");
                        checkedTables++;
                    }
                }
            }
        }

        Assert.True(checkedTables >= 6, $"Only {checkedTables} tables with rows were found at phone width");
    }

    [Fact]
    public async Task EveryControl_ReachedWithTab_ShowsAClearFocusOutline()
    {
        var tour = await PortalTour.GetAsync(runner);
        var paths = new[] { "/secretariat/rounds.html", "/secretariat/round.html", "/applicant/application.html", "/review/review.html", "/applicant/round.html" };
        foreach (var visit in tour.Visits.Where(v => v.Role != "anonymous" && paths.Any(p => v.Path.StartsWith(p, StringComparison.Ordinal))).DistinctBy(v => v.Path.Split('?')[0]))
        {
            await using var context = await PortalTour.ContextAsync(browser, runner, visit, "en-GB", 1280);
            var page = context.Pages[0];
            await PortalTour.OpenAsync(page, visit.Path);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var press = 0; press < 80; press++)
            {
                await page.Keyboard.PressAsync("Tab");
                var focused = await page.EvaluateAsync<JsonElement>("""
                    () => {
                      const node = document.activeElement;
                      if (!node || node === document.body) return null;
                      const style = getComputedStyle(node);
                      const path = node.id ? '#' + node.id : node.tagName.toLowerCase() + (node.getAttribute('href') ? `[href="${node.getAttribute('href')}"]` : '') + ':' + (node.textContent || node.name || '').trim().slice(0, 30);
                      return { path, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, shadow: style.boxShadow !== 'none' };
                    }
                    """);
                var focus = focused.ValueKind == JsonValueKind.Object
                    ? new FocusFacts(focused.GetProperty("path").GetString()!, focused.GetProperty("outline").GetBoolean(), focused.GetProperty("shadow").GetBoolean())
                    : null;
                if (focus is null || !seen.Add(focus.Path))
                {
                    continue;
                }

                Assert.True(focus.Outline || focus.Shadow, $"{visit}: {focus.Path} shows no focus outline");
            }

            Assert.True(seen.Count >= 5, $"{visit}: only {seen.Count} controls took focus");
        }
    }

    [Fact]
    public async Task AnonymousPages_InEachLanguage_MakeNoFailingRequestAndLogNoError()
    {
        var tour = await PortalTour.GetAsync(runner);
        foreach (var locale in new[] { "en-GB", "fr-FR", "es-ES" })
        {
            foreach (var visit in tour.Visits.Where(v => v.Session is null))
            {
                await using var context = await PortalTour.ContextAsync(browser, runner, visit, locale, 390);
                var page = context.Pages[0];
                var failures = new List<string>();
                page.RequestFailed += (_, request) => failures.Add($"{request.Url} failed: {request.Failure}");
                page.Response += (_, response) =>
                {
                    if (response.Status >= 400)
                    {
                        failures.Add($"{response.Url} answered {response.Status}");
                    }
                };
                page.Console += (_, message) =>
                {
                    if (message.Type == "error")
                    {
                        failures.Add($"console error: {message.Text}");
                    }
                };

                await PortalTour.OpenAsync(page, visit.Path);

                Assert.True(failures.Count == 0, $"{visit} in {locale}: {string.Join(" | ", failures)}");
            }
        }
    }

    private sealed record TableFacts(string Caption, string RowDisplay, int Unlabelled, string? Role, bool TooWide, bool PageTooWide, string Widest)
    {
        public static TableFacts From(JsonElement table) => new(
            table.GetProperty("caption").GetString()!,
            table.GetProperty("rowDisplay").GetString()!,
            table.GetProperty("unlabelled").GetInt32(),
            table.GetProperty("role").GetString(),
            table.GetProperty("tooWide").GetBoolean(),
            table.GetProperty("pageTooWide").GetBoolean(),
            table.GetProperty("widest").GetString()!);
    }

    private sealed record FocusFacts(string Path, bool Outline, bool Shadow);
}
