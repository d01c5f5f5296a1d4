using System.Text.RegularExpressions;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// A form clicked before its page's script has loaded (a slow phone connection, a module that failed to load)
/// must not submit natively: that reloads the page with what was typed in its address, loses the work and sends
/// nothing. Every portal form is <c>method="dialog"</c>, which outside a dialog does nothing when submitted, so
/// only the page's script ever sends a form.
/// </summary>
[Collection(ApplicantPortalCollection.Name)]
public sealed partial class FormsBeforeScriptsTests(RunnerFixture runner, BrowserFixture browser)
{
    private static IEnumerable<string> Pages() =>
        Directory.EnumerateFiles(Path.Combine(Repo.Root, "web"), "*.html", SearchOption.AllDirectories)
            .Select(file => "/" + Path.GetRelativePath(Path.Combine(Repo.Root, "web"), file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void EveryPortalForm_IsMethodDialog()
    {
        var forms = Pages().SelectMany(page => FormTag().Matches(File.ReadAllText(Path.Combine(Repo.Root, "web", page.TrimStart('/')))).Select(m => (page, tag: m.Value))).ToList();

        Assert.True(forms.Count >= 20, $"only {forms.Count} forms found");
        Assert.All(forms, form => Assert.Contains("method=\"dialog\"", form.tag, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryForm_SubmittedBeforeItsScriptHasLoaded_StaysOnThePageWithWhatWasTyped()
    {
        var submitted = 0;
        foreach (var path in Pages())
        {
            await using var context = await browser.NewContextAsync(runner.BaseAddress);
            var page = await context.NewPageAsync();
            await page.RouteAsync("**/*.js", route => route.AbortAsync());
            await page.GotoAsync(path);

            // Hidden sections wait for the script; show every form, as a page whose script is half done might.
            var forms = await page.EvaluateAsync<int>("() => { for (const f of document.forms) { for (let n = f; n; n = n.parentElement) n.hidden = false; } return document.forms.length; }");
            for (var i = 0; i < forms; i++)
            {
                var typed = await page.EvaluateAsync<string?>(
                    """
                    (i) => {
                      const form = document.forms[i];
                      const field = [...form.querySelectorAll('input[type=text], input[type=email], input:not([type]), textarea')].find((f) => !f.disabled);
                      if (field) field.value = 'typed before the script';
                      form.querySelectorAll('[type=submit]').forEach((b) => { b.disabled = false; });
                      return field ? field.id || field.name : null;
                    }
                    """, i);
                await page.EvaluateAsync("(i) => document.forms[i].requestSubmit()", i);
                await page.WaitForTimeoutAsync(100);

                Assert.Equal(new Uri(runner.BaseAddress, path).ToString(), page.Url);
                if (typed is not null)
                {
                    Assert.Equal("typed before the script", await page.EvaluateAsync<string>("(i) => [...document.forms[i].elements].find((f) => f.value === 'typed before the script')?.value ?? ''", i));
                }

                submitted++;
            }
        }

        Assert.True(submitted >= 20, $"only {submitted} forms were submitted");
    }

    [GeneratedRegex("<form\\b[^>]*>")]
    private static partial Regex FormTag();
}
