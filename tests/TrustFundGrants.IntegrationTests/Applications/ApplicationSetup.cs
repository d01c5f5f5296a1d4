using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Applications;

/// <summary>An open round and an NGO ready to apply to it, made through the API as people would.</summary>
internal sealed class ApplicationSetup(HttpClient client, Session secretariat)
{
    public static readonly byte[] Pdf = MinimalPdf.Build();

    public string RoundId { get; private set; } = string.Empty;

    public string FundId { get; private set; } = string.Empty;

    public DateTimeOffset ClosesAt { get; private set; }

    /// <param name="clock">The runner's clock, which a short <paramref name="closesIn"/> is counted on.</param>
    public static async Task<ApplicationSetup> OpenRoundAsync(
        HttpClient client, Session secretariat, TimeSpan? closesIn = null, string envelope = "500000.00", bool blind = false, TimeProvider? clock = null)
    {
        var setup = new ApplicationSetup(client, secretariat);
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        setup.ClosesAt = now.Add(closesIn ?? TimeSpan.FromDays(30));
        using var fund = await client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/funds", new { name = "Trust Fund", currency = "USD" }));
        var fundId = (await Json(fund)).GetProperty("id").GetString()!;
        setup.FundId = fundId;
        var round = JsonNode.Parse($$"""
            {
              "title": "Open call", "description": "d",
              "opensAt": "{{now.AddMinutes(-1):O}}", "closesAt": "{{setup.ClosesAt:O}}",
              "timeZone": "America/Mexico_City",
              "envelope": { "amount": "{{envelope}}", "currency": "USD" },
              "minGrant": { "amount": "20000.00", "currency": "USD" },
              "maxGrant": { "amount": "60000.00", "currency": "USD" },
              "maxDurationMonths": 24,
              "eligibility": [ { "id": "registered", "question": "Is the organisation registered?", "requiredAnswer": true } ],
              "criteria": [ { "id": "relevance", "title": "Relevance", "description": null, "weight": 1, "maxScore": 10 } ],
              "requiredDocuments": [ { "type": "budget", "title": "Budget", "maxBytes": 1024, "contentTypes": ["application/pdf"] } ],
              "reviewersPerApplication": 2, "blindReview": {{(blind ? "true" : "false")}}
            }
            """);
        using var created = await client.SendAsync(secretariat.Bearer(HttpMethod.Post, $"/api/funds/{fundId}/rounds", round));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        setup.RoundId = (await Json(created)).GetProperty("id").GetString()!;
        return setup;
    }

    public async Task<Session> NgoAsync()
    {
        var session = await SignIn.AsAsync(client, $"ngo-{Guid.NewGuid():N}@example.org");
        using var response = await client.SendAsync(session.Bearer(HttpMethod.Post, "/api/organisations",
            new { name = "Casa Segura", country = "MX", registrationNumber = "A-1", website = (string?)null, contactEmail = "info@casa.example.org" }));
        return new Session((await Json(response)).GetProperty("session").GetProperty("token").GetString()!, string.Empty);
    }

    public async Task<(string Id, string ETag)> DraftAsync(Session ngo)
    {
        using var response = await client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/rounds/{RoundId}/applications"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await Json(response)).GetProperty("id").GetString()!, response.Headers.ETag!.ToString());
    }

    public static JsonObject CompleteDraft(bool registered = true) => JsonNode.Parse($$"""
        {
          "title": "Safe houses in Tijuana", "summary": "Shelter and legal aid for survivors.",
          "requestedAmount": { "amount": "45000.00", "currency": "USD" }, "durationMonths": 18,
          "countries": ["MX"], "exploitationForms": ["sexual-exploitation", "forced-labour"], "targetGroups": ["women", "adolescents"],
          "plannedBeneficiaries": [ { "sex": "female", "ageGroup": "18-plus", "count": 120 }, { "sex": "female", "ageGroup": "under-18", "count": 30 } ],
          "budgetLines": [
            { "category": "shelter", "description": "Rent and utilities", "amount": { "amount": "30000.00", "currency": "USD" } },
            { "category": "legal", "description": "Lawyers' fees", "amount": { "amount": "15000.00", "currency": "USD" } }
          ],
          "eligibilityAnswers": { "registered": {{(registered ? "true" : "false")}} }
        }
        """)!.AsObject();

    public async Task<HttpResponseMessage> SaveAsync(Session ngo, string id, string etag, JsonObject draft)
    {
        using var request = ngo.Bearer(HttpMethod.Put, $"/api/applications/{id}", draft);
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> UploadAsync(Session ngo, string id, string type, byte[] bytes, string fileName = "budget.pdf")
    {
        using var request = ngo.Bearer(HttpMethod.Put, $"/api/applications/{id}/documents/{type}");
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName };
        return await client.SendAsync(request);
    }

    /// <summary>A complete draft with its document, ready to submit.</summary>
    public async Task<string> ReadyAsync(Session ngo, bool registered = true, (byte[] Bytes, string Name)? document = null)
    {
        var (id, etag) = await DraftAsync(ngo);
        using var saved = await SaveAsync(ngo, id, etag, CompleteDraft(registered));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var uploaded = await UploadAsync(ngo, id, "budget", document?.Bytes ?? Pdf, document?.Name ?? "budget.pdf");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        return id;
    }

    public Session Secretariat => secretariat;

    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
