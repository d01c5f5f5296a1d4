using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalWork;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// A Spanish-speaking NGO (browser set to es-ES) applies end to end in Spanish: warned at once about an
/// ineligible answer, its typed work kept when the session expires mid-edit and restored after signing
/// in again on the same page, amounts written the Spanish way, and the application submitted.
/// </summary>
[Collection(ApplicantPortalCollection.Name)]
public sealed partial class SpanishApplicantTests(RunnerFixture runner, BrowserFixture browser)
{
    [Fact]
    public async Task Apply_InSpanish_WarnsOnIneligibleKeepsWorkAcrossExpiryAndSubmits()
    {
        var (roundId, _) = await OpenRoundAsync(runner);
        await using var context = await browser.NewContextAsync(runner.BaseAddress, "es-ES");
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        var email = NewAddress("ong");
        await SignInInSpanishAsync(page, email);
        await RegisterAsync(page);

        await page.GotoAsync($"/applicant/round.html?id={roundId}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = Question })).ToContainTextAsync("Respuesta necesaria: Sí.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Solicitar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Solicitud sin título");

        // The eligibility question comes first, and a wrong answer is told at once, before anything else.
        var question = page.GetByRole(AriaRole.Group, new() { Name = Question });
        await question.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await Expect(question.Locator(".eligibility-warning")).ToBeVisibleAsync();
        await Expect(question.Locator(".eligibility-warning")).ToContainTextAsync("no es admisible");
        await question.GetByLabel("Sí").CheckAsync();
        await Expect(question.Locator(".eligibility-warning")).ToBeHiddenAsync();

        await page.GetByLabel("Título del proyecto").FillAsync("Casas de acogida en Nairobi");
        await page.GetByLabel("Importe solicitado").FillAsync("45.000,50");
        await page.GetByLabel("Duración en meses").FillAsync("18");
        await Expect(page.Locator("#save-state")).ToHaveTextAsync(new Regex("^Guardado a las "), new() { Timeout = 15_000 });

        // The session ends while the summary is being typed: the text waits in the browser, and signing
        // in again comes back to this page with it.
        var url = page.Url;
        await context.ClearCookiesAsync();
        await page.GetByLabel("Resumen").FillAsync("Acogida, apoyo psicológico y asistencia jurídica.");
        await Expect(page).ToHaveURLAsync(new Regex(@"/signin\.html\?expired$"), new() { Timeout = 15_000 });
        await SignInInSpanishAsync(page, email, expectHome: false);
        await Expect(page).ToHaveURLAsync(url);
        await Expect(page.GetByLabel("Resumen")).ToHaveValueAsync("Acogida, apoyo psicológico y asistencia jurídica.");
        await Expect(page.Locator("#save-state")).ToHaveTextAsync(new Regex("^Guardado a las "), new() { Timeout = 15_000 });
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Resumen")).ToHaveValueAsync("Acogida, apoyo psicológico y asistencia jurídica.");
        await Expect(page.GetByLabel("Importe solicitado")).ToHaveValueAsync("45000.50");

        await page.GetByLabel("Países donde trabaja el proyecto").SelectOptionAsync(new SelectOptionValue { Label = "Kenia" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Añadir el país" }).ClickAsync();
        await page.GetByLabel("Trabajo forzoso").CheckAsync();
        await page.Locator("#app-people input").First.FillAsync("40");
        var line = page.GetByRole(AriaRole.Group, new() { Name = "Línea de presupuesto 1" });
        await line.GetByLabel("Categoría").FillAsync("Alojamiento");
        await line.GetByLabel("Importe (USD)").FillAsync("45.000,50");
        await Expect(page.Locator("#app-budget-total")).ToContainTextAsync("El presupuesto cuadra.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar el borrador" }).ClickAsync();
        await Expect(page.Locator("#save-state")).ToHaveTextAsync(new Regex("^Guardado a las "));
        await page.GetByLabel(DocumentTitle).SetInputFilesAsync(new FilePayload { Name = "presupuesto.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await Expect(page.Locator("#checklist-count")).ToHaveTextAsync("Todo está listo. Puede enviar la solicitud.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revisar sus respuestas" }).ClickAsync();
        var check = page.GetByRole(AriaRole.Region, new() { Name = "Revise sus respuestas antes de enviar su solicitud" });
        await Expect(check).ToContainTextAsync("Casas de acogida en Nairobi");
        await Expect(check).ToContainTextAsync("45.000,50");
        await Expect(check.GetByRole(AriaRole.Link, new() { Name = "Cambiar Resumen" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar la solicitud" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Su solicitud está enviada." })).ToBeFocusedAsync();
        await Expect(page.Locator("#status-value")).ToHaveTextAsync(new Regex("^(Enviada|Admisible)$"));
        using var me = JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync("/api/me")).TextAsync());
        Assert.Equal("es", me.RootElement.GetProperty("language").GetString());
        Assert.Empty(scriptErrors);
    }

    private async Task SignInInSpanishAsync(IPage page, string email, bool expectHome = true)
    {
        var seen = (await SignIn.MailsToAsync(runner.Client, email)).Select(m => m.GetProperty("text").GetString()).ToHashSet();
        if (!page.Url.Contains("/signin.html", StringComparison.Ordinal))
        {
            await page.GotoAsync("/signin.html");
        }

        await page.GetByLabel("Correo electrónico").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviarme un enlace de acceso" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Revise su correo" })).ToBeVisibleAsync();
        var mails = await Eventually.WaitFor(() => SignIn.MailsToAsync(runner.Client, email), m => m.Any(x => !seen.Contains(x.GetProperty("text").GetString())), "the sign-in mail");
        var link = LinkPattern().Match(mails.First(x => !seen.Contains(x.GetProperty("text").GetString())).GetProperty("text").GetString()!).Value;
        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Continuar como {email}" }).ClickAsync();
        if (expectHome)
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión", Exact = true })).ToBeVisibleAsync();
        }
    }

    private static async Task RegisterAsync(IPage page)
    {
        var registered = await page.Context.APIRequest.PostAsync("/api/organisations", new()
        {
            Headers = new Dictionary<string, string> { ["X-TFG-Request"] = "1" },
            DataObject = new { name = "Refugio Seguro", country = "KE", registrationNumber = "ONG/7/2019", website = (string?)null, contactEmail = "oficina@refugio.example" },
        });
        Assert.Equal(201, registered.Status);
    }

    [GeneratedRegex(@"https?://\S+/signin\.html#token=[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
