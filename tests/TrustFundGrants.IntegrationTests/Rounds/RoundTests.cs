using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Rounds;

/// <summary>Funds and calls for proposals through the LocalRunner: set-up by the Secretariat, public reading, edits until opening.</summary>
[Collection(RunnerCollection.Name)]
public sealed class RoundTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    private static JsonObject Round(DateTimeOffset? opensAt = null) => JsonNode.Parse($$"""
        {
          "title": "2027 call: shelters and legal aid",
          "description": "Grants for direct assistance to survivors.",
          "opensAt": "{{(opensAt ?? DateTimeOffset.UtcNow.AddDays(7)):O}}",
          "closesAt": "{{DateTimeOffset.UtcNow.AddDays(60):O}}",
          "timeZone": "Africa/Nairobi",
          "envelope": { "amount": "600000.00", "currency": "USD" },
          "minGrant": { "amount": "20000.00", "currency": "USD" },
          "maxGrant": { "amount": "60000.00", "currency": "USD" },
          "maxDurationMonths": 24,
          "eligibility": [ { "id": "registered-ngo", "question": "Is your organisation a registered non-profit?", "requiredAnswer": true } ],
          "criteria": [
            { "id": "relevance", "title": "Relevance", "description": "Fit with the fund's priorities", "weight": 40, "maxScore": 10 },
            { "id": "capacity", "title": "Capacity", "description": null, "weight": 60, "maxScore": 10 }
          ],
          "requiredDocuments": [ { "type": "budget", "title": "Budget", "maxBytes": 5242880, "contentTypes": ["application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] } ],
          "reviewersPerApplication": 2,
          "blindReview": true
        }
        """)!.AsObject();

    [Fact]
    public async Task CreateRound_BySecretariat_IsPublicWithItsDeadlineInItsTimeZone()
    {
        var (session, fundId) = await FundAsync();

        using var created = await Client.SendAsync(session.Bearer(HttpMethod.Post, $"/api/funds/{fundId}/rounds", Round()));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(created.Headers.ETag);
        var id = (await Json(created)).GetProperty("id").GetString();
        using var read = await Client.GetAsync(new Uri($"/api/rounds/{id}", UriKind.Relative));
        var round = await Json(read);
        Assert.Equal("Upcoming", round.GetProperty("status").GetString());
        Assert.Equal("600000.00", round.GetProperty("envelope").GetProperty("amount").GetString());
        Assert.EndsWith("+03:00", round.GetProperty("closesAtLocal").GetString(), StringComparison.Ordinal);
        using var list = await Client.GetAsync(new Uri("/api/rounds?limit=100", UriKind.Relative));
        Assert.Contains((await Json(list)).GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetString() == id);
    }

    [Theory]
    [InlineData("closesAt", "\"2020-01-01T00:00:00Z\"", "closesAt")]
    [InlineData("timeZone", "\"Mars/Olympus_Mons\"", "timeZone")]
    [InlineData("timeZone", "\"E. Africa Standard Time\"", "timeZone")]
    [InlineData("minGrant", """{"amount":"70000.00","currency":"USD"}""", "maxGrant.amount")]
    [InlineData("maxGrant", """{"amount":"700000.00","currency":"USD"}""", "maxGrant.amount")]
    [InlineData("envelope", """{"amount":"-5.00","currency":"USD"}""", "envelope.amount")]
    [InlineData("envelope", """{"amount":"600000.001","currency":"USD"}""", "envelope.amount")]
    [InlineData("envelope", """{"amount":"99999999999999999999","currency":"USD"}""", "envelope.amount")]
    [InlineData("envelope", """{"amount":"600000.00","currency":"EUR"}""", "envelope.currency")]
    [InlineData("criteria", """[{"id":"a","title":"A","description":null,"weight":0,"maxScore":10}]""", "criteria[0].weight")]
    [InlineData("criteria", """[{"id":"a","title":"A","description":null,"weight":5,"maxScore":10},{"id":"a","title":"B","description":null,"weight":5,"maxScore":10}]""", "criteria[1].id")]
    [InlineData("criteria", """[{"id":"a","title":"A","description":null,"weight":5,"maxScore":10,"levels":[{"score":11,"description":"Beyond"}]}]""", "criteria[0].levels[0].score")]
    [InlineData("criteria", """[{"id":"a","title":"A","description":null,"weight":5,"maxScore":10,"levels":[{"score":3,"description":""}]}]""", "criteria[0].levels[0].description")]
    [InlineData("requiredDocuments", """[{"type":"../../etc","title":"X","maxBytes":100,"contentTypes":["application/pdf"]}]""", "requiredDocuments[0].type")]
    [InlineData("requiredDocuments", """[{"type":"budget","title":"X","maxBytes":100,"contentTypes":["application/x-msdownload"]}]""", "requiredDocuments[0].contentTypes")]
    [InlineData("reviewersPerApplication", "0", "reviewersPerApplication")]
    [InlineData("maxDurationMonths", "\"24\"", "maxDurationMonths")]
    [InlineData("surprise", "true", "surprise")]
    public async Task CreateRound_WithABadField_Gets400NamingItAndCreatesNothing(string field, string json, string error)
    {
        var (session, fundId) = await FundAsync();
        var round = Round();
        round[field] = JsonNode.Parse(json);

        using var response = await Client.SendAsync(session.Bearer(HttpMethod.Post, $"/api/funds/{fundId}/rounds", round));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Json(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(error, out _), problem.ToString());
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task UpdateRound_BeforeItOpens_SavesWithIfMatchAndRefusesAStaleOne()
    {
        var (session, fundId) = await FundAsync();
        using var created = await Client.SendAsync(session.Bearer(HttpMethod.Post, $"/api/funds/{fundId}/rounds", Round()));
        var id = (await Json(created)).GetProperty("id").GetString();
        var etag = created.Headers.ETag!.ToString();
        var changed = Round();
        changed["title"] = "2027 call (revised)";

        using var first = session.Bearer(HttpMethod.Put, $"/api/rounds/{id}", changed);
        first.Headers.TryAddWithoutValidation("If-Match", etag);
        using var saved = await Client.SendAsync(first);
        using var second = session.Bearer(HttpMethod.Put, $"/api/rounds/{id}", Round());
        second.Headers.TryAddWithoutValidation("If-Match", etag);
        using var stale = await Client.SendAsync(second);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var read = await Client.GetAsync(new Uri($"/api/rounds/{id}", UriKind.Relative));
        Assert.Equal("2027 call (revised)", (await Json(read)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task UpdateRound_AfterItOpened_Gets409()
    {
        var (session, fundId) = await FundAsync();
        using var created = await Client.SendAsync(session.Bearer(HttpMethod.Post, $"/api/funds/{fundId}/rounds", Round(DateTimeOffset.UtcNow.AddMinutes(-1))));
        var id = (await Json(created)).GetProperty("id").GetString();

        using var request = session.Bearer(HttpMethod.Put, $"/api/rounds/{id}", Round());
        request.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var read = await Client.GetAsync(new Uri($"/api/rounds/{id}", UriKind.Relative));
        Assert.Equal("Open", (await Json(read)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task CreateFund_ByAnApplicant_Gets403()
    {
        var applicant = await SignIn.AsAsync(Client, $"ngo-{Guid.NewGuid():N}@example.org");

        using var response = await Client.SendAsync(applicant.Bearer(HttpMethod.Post, "/api/funds", new { name = "Mine", currency = "USD" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("XYZ")]
    public async Task CreateFund_WithAnInvalidCurrency_Gets400(string currency)
    {
        var secretariat = await runner.SecretariatAsync();

        using var response = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/funds", new { name = "Fund", currency }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("currency", out _));
    }

    [Fact]
    public async Task GetRound_UnknownOrMalformedId_Gets404()
    {
        using var unknown = await Client.GetAsync(new Uri($"/api/rounds/{Guid.NewGuid()}", UriKind.Relative));
        using var malformed = await Client.GetAsync(new Uri("/api/rounds/not-an-id", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    private async Task<(Session Session, string FundId)> FundAsync()
    {
        var secretariat = await runner.SecretariatAsync();
        using var response = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/funds", new { name = "Voluntary Trust Fund", currency = "USD", description = "For victims of trafficking" }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (secretariat, (await Json(response)).GetProperty("id").GetString()!);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
