using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;
using static TrustFundGrants.IntegrationTests.Portal.PortalWork;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// A Spanish-speaking NGO (browser set to es-ES) applies end to end in Spanish: signs in, registers its
/// organisation and finds the call through the Spanish pages, is warned at once about an ineligible answer,
/// its typed work kept when the session expires mid-edit and restored after signing in again on the same
/// page, amounts written the Spanish way, the application submitted and acknowledged by a Spanish email.
/// </summary>
[Collection(ApplicantPortalCollection.Name)]
public sealed partial class SpanishApplicantTests(RunnerFixture runner, BrowserFixture browser)
{
    [Fact]
    public async Task Apply_InSpanish_WarnsOnIneligibleKeepsWorkAcrossExpiryAndSubmits()
    {
        var (_, callTitle) = await OpenRoundAsync(runner);
        await using var context = await browser.NewContextAsync(runner.BaseAddress, "es-ES");
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);
        var email = NewAddress("ong");
        await SignInInSpanishAsync(page, email);
        await RegisterAsync(page);

        await Principal(page).GetByRole(AriaRole.Link, new() { Name = "Convocatorias abiertas" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Convocatorias de propuestas abiertas");
        var call = await FindCallAsync(page, callTitle, "Más convocatorias");
        await Expect(call).ToContainTextAsync("20.000,00");
        await call.GetByRole(AriaRole.Link, new() { Name = callTitle }).ClickAsync();
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
        // in again comes back to this page with it. It is ended on the server (from another device), so
        // this browser keeps its session cookie and sign-in hint, as it does when a session expires.
        var url = page.Url;
        var elsewhere = await SignIn.AsAsync(runner.Client, email);
        using (var ended = await runner.Client.SendAsync(elsewhere.Bearer(HttpMethod.Post, "/api/auth/sign-out-everywhere")))
        {
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }

        Assert.Contains(await context.CookiesAsync(), c => c.Name == "tfg_session");
        await page.GetByLabel("Resumen").FillAsync("Acogida, apoyo psicológico y asistencia jurídica.");
        await Expect(page).ToHaveURLAsync(new Regex(@"/signin\.html\?expired$"), new() { Timeout = 15_000 });
        await SignInInSpanishAsync(page, email, expectHome: false);
        await Expect(page).ToHaveURLAsync(url);
        await Expect(page.GetByLabel("Resumen")).ToHaveValueAsync("Acogida, apoyo psicológico y asistencia jurídica.");
        await Expect(page.Locator("#save-state")).ToHaveTextAsync(new Regex("^Guardado a las "), new() { Timeout = 15_000 });
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Resumen")).ToHaveValueAsync("Acogida, apoyo psicológico y asistencia jurídica.");
        await Expect(page.GetByLabel("Importe solicitado")).ToHaveValueAsync("45.000,50");

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

        var submitted = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Su solicitud está enviada." });
        await Expect(submitted).ToBeFocusedAsync();
        await Expect(page.Locator("#status-value")).ToHaveTextAsync(new Regex("^(Enviada|Admisible)$"));
        var reference = Regex.Match(await submitted.InnerTextAsync(), @"TFG-\d{4}-[0-9A-F]{12}").Value;
        Assert.NotEmpty(reference);
        // The acknowledgement and the screening result, both in Spanish (the language stored with the user).
        var mails = await Eventually.WaitFor(() => SignIn.MailsToAsync(runner.Client, email), m => m.Count(x => x.GetProperty("subject").GetString()!.EndsWith(reference, StringComparison.Ordinal)) >= 2, "the acknowledgement and the screening result");
        var subjects = mails.Select(x => x.GetProperty("subject").GetString()).Where(x => x!.EndsWith(reference, StringComparison.Ordinal)).ToArray();
        Assert.Equal([$"Admisible para evaluación: {reference}", $"Solicitud recibida: {reference}"], subjects.Order(StringComparer.Ordinal));
        var acknowledgement = mails.First(x => x.GetProperty("subject").GetString() == $"Solicitud recibida: {reference}");
        Assert.Contains("Hemos recibido su solicitud «Casas de acogida en Nairobi»", acknowledgement.GetProperty("text").GetString(), StringComparison.Ordinal);
        using var me = JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync("/api/me")).TextAsync());
        Assert.Equal("es", me.RootElement.GetProperty("language").GetString());
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task Call_InItsLastDays_ShowsTheDeadlineOnTheCallsClockAndTheReadersWithACountdown()
    {
        // A reader in Madrid (UTC+1 in winter, +2 in summer) looks at a Nairobi call (UTC+3) three days and a
        // few hours before it closes; Spanish writes the hour without a leading zero (9:05). The browser's
        // clock is set to the runner's, which other tests may have moved on.
        var (roundId, callTitle) = await OpenRoundAsync(runner, TimeSpan.FromDays(3) + TimeSpan.FromHours(5));
        using var round = JsonDocument.Parse(await runner.Client.GetStringAsync(new Uri($"/api/rounds/{roundId}", UriKind.Relative)));
        var closes = round.RootElement.GetProperty("closesAtLocal").GetDateTimeOffset();
        var onTheCallsClock = TimeZoneInfo.ConvertTime(closes, TimeZoneInfo.FindSystemTimeZoneById("Africa/Nairobi")).ToString("H:mm", CultureInfo.InvariantCulture);
        var onTheReaders = TimeZoneInfo.ConvertTime(closes, TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid")).ToString("H:mm", CultureInfo.InvariantCulture);
        var deadline = new Regex($@"\b{onTheCallsClock} \(Africa/Nairobi\); .*\b{onTheReaders} en su hora \(Europe/Madrid\) Cierra dentro de 3 días");
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = runner.BaseAddress.ToString(), Locale = "es-ES", TimezoneId = "Europe/Madrid" });
        await context.Clock.SetFixedTimeAsync(runner.Clock.GetUtcNow().UtcDateTime);
        var page = await context.NewPageAsync();
        var scriptErrors = WatchScriptErrors(page);

        var call = await FindCallAsync(page, callTitle, "Más convocatorias");
        await Expect(call).ToContainTextAsync(deadline);
        await Expect(call.Locator(".countdown")).ToHaveTextAsync("Cierra dentro de 3 días");
        await call.GetByRole(AriaRole.Link, new() { Name = callTitle }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(callTitle);
        await Expect(page.Locator("main")).ToContainTextAsync(deadline);
        await Expect(page.Locator("main .countdown")).ToHaveTextAsync("Cierra dentro de 3 días");
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

    /// <summary>The main navigation, named in Spanish.</summary>
    private static ILocator Principal(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Principal" });

    /// <summary>Registers the organisation through the Spanish form, the country chosen by its Spanish name.</summary>
    private static async Task RegisterAsync(IPage page)
    {
        await Principal(page).GetByRole(AriaRole.Link, new() { Name = "Registrar la organización" }).ClickAsync();
        await page.GetByLabel("Nombre de la organización").FillAsync("Refugio Seguro");
        await page.GetByLabel("País de registro").SelectOptionAsync(new SelectOptionValue { Label = "Kenia" });
        await page.GetByLabel("Número de registro").FillAsync("ONG/7/2019");
        await page.GetByLabel("Correo de contacto").FillAsync("oficina@refugio.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrar la organización" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Refugio Seguro está registrada." })).ToBeFocusedAsync();
        await Expect(Principal(page).GetByRole(AriaRole.Link, new() { Name = "Mi organización" })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"https?://\S+/signin\.html#token=[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
