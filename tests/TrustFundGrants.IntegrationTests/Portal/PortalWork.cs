using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// What the application page tests set up around the browser: an open round made through the API by
/// the fixture's one Secretariat session (its address may ask for only a few sign-in links per run),
/// an NGO signed in through the portal with its organisation registered, and screenshots on request.
/// </summary>
internal static class PortalWork
{
    /// <summary>A well-formed one-page PDF: the API sniffs it as PDF, and a blind round can clear its properties.</summary>
    public static readonly byte[] Pdf = Applications.MinimalPdf.Build();

    public const string DocumentTitle = "Detailed budget";
    public const string Question = "Is your organisation a registered non-profit?";

    public static string NewAddress(string who) => $"{who}-{Guid.NewGuid():N}@example.org";

    /// <summary>An open round (opened a minute ago, closing in 30 days unless said) asking for one PDF and one yes/no question.</summary>
    public static async Task<(string Id, string Title)> OpenRoundAsync(RunnerFixture runner, TimeSpan? closesIn = null)
    {
        var secretariat = await runner.SecretariatAsync();
        var title = $"Shelters and legal aid {Guid.NewGuid().ToString("N")[..8]}";
        using var fund = await runner.Client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/funds", new { name = "Portal Trust Fund", currency = "USD" }));
        Assert.Equal(HttpStatusCode.Created, fund.StatusCode);
        var fundId = (await JsonOf(fund)).GetProperty("id").GetString();
        var now = runner.Clock.GetUtcNow();
        var round = JsonNode.Parse($$"""
            {
              "title": "{{title}}", "description": "Grants for shelters and legal aid.\n\nFor registered non-profits.",
              "opensAt": "{{now.AddMinutes(-1):O}}", "closesAt": "{{now.Add(closesIn ?? TimeSpan.FromDays(30)):O}}",
              "timeZone": "Africa/Nairobi",
              "envelope": { "amount": "500000.00", "currency": "USD" },
              "minGrant": { "amount": "20000.00", "currency": "USD" },
              "maxGrant": { "amount": "60000.00", "currency": "USD" },
              "maxDurationMonths": 24,
              "eligibility": [ { "id": "registered", "question": "{{Question}}", "requiredAnswer": true } ],
              "criteria": [ { "id": "relevance", "title": "Relevance", "description": null, "weight": 1, "maxScore": 10 } ],
              "requiredDocuments": [ { "type": "budget", "title": "{{DocumentTitle}}", "maxBytes": 10240, "contentTypes": ["application/pdf"] } ],
              "reviewersPerApplication": 2, "blindReview": false
            }
            """);
        using var created = await runner.Client.SendAsync(secretariat.Bearer(HttpMethod.Post, $"/api/funds/{fundId}/rounds", round));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return ((await JsonOf(created)).GetProperty("id").GetString()!, title);
    }

    /// <summary>Signs in through the portal and registers an organisation with the page's own API calls (cookie and header).</summary>
    public static async Task<string> NgoAsync(IPage page, RunnerFixture runner, string name = "Safe Haven Kenya")
    {
        var email = NewAddress("ngo");
        await PortalSignIn.AsAsync(page, runner.Client, email);
        var registered = await page.Context.APIRequest.PostAsync("/api/organisations", new()
        {
            Headers = new Dictionary<string, string> { ["X-TFG-Request"] = "1" },
            DataObject = new { name, country = "KE", registrationNumber = "NGO/1/2020", website = (string?)null, contactEmail = "office@ngo.example" },
        });
        Assert.Equal(201, registered.Status);
        return email;
    }

    /// <summary>Starts a draft in the round with the page's session; returns its id.</summary>
    public static async Task<string> DraftAsync(IPage page, string roundId)
    {
        var created = await page.Context.APIRequest.PostAsync($"/api/rounds/{roundId}/applications", new()
        {
            Headers = new Dictionary<string, string> { ["X-TFG-Request"] = "1" },
        });
        Assert.Equal(201, created.Status);
        return (await created.JsonAsync())!.Value.GetProperty("id").GetString()!;
    }

    /// <summary>Opens the Open calls page and follows "More calls" (<paramref name="more"/> in the page's language) until the call is listed.</summary>
    public static async Task<ILocator> FindCallAsync(IPage page, string title, string more = "More calls")
    {
        await page.GotoAsync("/applicant/rounds.html");

        var link = page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true });
        var moreCalls = page.GetByRole(AriaRole.Button, new() { Name = more });
        await Expect(page.Locator("#loading")).ToBeHiddenAsync();
        for (var i = 0; i < 50 && await link.CountAsync() == 0; i++)
        {
            await Expect(moreCalls).ToBeVisibleAsync();
            var before = await page.Locator("#calls > li").CountAsync();
            await moreCalls.ClickAsync();
            await Expect(page.Locator("#calls > li")).Not.ToHaveCountAsync(before);
        }

        await Expect(link).ToBeVisibleAsync();
        return page.Locator("#calls > li").Filter(new() { Has = link });
    }

    /// <summary>Fails the test on any script error in the page.</summary>
    public static List<string> WatchScriptErrors(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }

    /// <summary>axe-core on the page as it is now (a state the tour's page loads do not reach): no violation of any impact.</summary>
    public static Task AssertNoAxeViolationAsync(IPage page) => AxeChecks.AssertNoViolationAsync(page, page.Url);

    /// <summary>With TFG_SCREENSHOTS set to a folder, saves a full-page PNG there.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("TFG_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
