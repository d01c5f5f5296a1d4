using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Rounds;

/// <summary>After a round opens only its deadline moves: extended, brought forward, or the round closed early; and level descriptors reach reviewers.</summary>
[Collection(RunnerCollection.Name)]
public sealed class RoundDeadlineTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task MoveDeadline_OpenRound_ExtendsItAndRefusesThePastAStaleETagAndAnEdit()
    {
        var secretariat = await runner.SecretariatAsync();
        var setup = await ApplicationSetup.OpenRoundAsync(Client, secretariat, TimeSpan.FromDays(3), clock: runner.Clock);
        var etag = await ETagAsync(setup.RoundId);
        var later = runner.Clock.GetUtcNow().AddDays(10);

        using var extended = await SendAsync(secretariat, HttpMethod.Put, $"/api/rounds/{setup.RoundId}/deadline", etag, new { closesAt = later });
        using var stale = await SendAsync(secretariat, HttpMethod.Put, $"/api/rounds/{setup.RoundId}/deadline", etag, new { closesAt = later.AddDays(1) });
        using var past = await SendAsync(secretariat, HttpMethod.Put, $"/api/rounds/{setup.RoundId}/deadline", extended.Headers.ETag!.ToString(), new { closesAt = runner.Clock.GetUtcNow().AddMinutes(-1) });
        using var edit = await SendAsync(secretariat, HttpMethod.Put, $"/api/rounds/{setup.RoundId}", extended.Headers.ETag!.ToString(), new { title = "Renamed after opening" });

        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.True((await Json(past)).GetProperty("errors").TryGetProperty("closesAt", out _));
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        var round = await RoundAsync(setup.RoundId);
        Assert.Equal(later.ToUnixTimeSeconds(), round.GetProperty("closesAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal("Open call", round.GetProperty("title").GetString());
    }

    [Fact]
    public async Task CloseRound_Open_StopsSubmissionsAtOnceAndTheDeadlineNoLongerMoves()
    {
        var secretariat = await runner.SecretariatAsync();
        var setup = await ApplicationSetup.OpenRoundAsync(Client, secretariat, TimeSpan.FromDays(3), clock: runner.Clock);
        var ngo = await setup.NgoAsync();
        var draft = await setup.ReadyAsync(ngo);

        using var closed = await SendAsync(secretariat, HttpMethod.Post, $"/api/rounds/{setup.RoundId}/close", await ETagAsync(setup.RoundId));
        using var submitted = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{draft}/submit"));
        using var again = await SendAsync(secretariat, HttpMethod.Post, $"/api/rounds/{setup.RoundId}/close", closed.Headers.ETag!.ToString());
        using var reopened = await SendAsync(secretariat, HttpMethod.Put, $"/api/rounds/{setup.RoundId}/deadline", closed.Headers.ETag!.ToString(), new { closesAt = runner.Clock.GetUtcNow().AddDays(5) });

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("Closed", (await Json(closed)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reopened.StatusCode);
        Assert.Equal("Closed", (await RoundAsync(setup.RoundId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task CloseRound_ByAnApplicant_Gets403AndTheRoundStaysOpen()
    {
        var secretariat = await runner.SecretariatAsync();
        var setup = await ApplicationSetup.OpenRoundAsync(Client, secretariat, clock: runner.Clock);
        var ngo = await setup.NgoAsync();

        using var closed = await SendAsync(ngo, HttpMethod.Post, $"/api/rounds/{setup.RoundId}/close", await ETagAsync(setup.RoundId));

        Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
        Assert.Equal("Open", (await RoundAsync(setup.RoundId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task UpdateRound_LevelDescriptors_AreKeptAndShownWithTheRubric()
    {
        var secretariat = await runner.SecretariatAsync();
        using var fund = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/funds", new { name = "Fund", currency = "USD" }));
        var fundId = (await Json(fund)).GetProperty("id").GetString();
        var now = runner.Clock.GetUtcNow();
        var round = new JsonObject
        {
            ["title"] = "Call with a described rubric", ["description"] = null,
            ["opensAt"] = now.AddDays(2), ["closesAt"] = now.AddDays(30), ["timeZone"] = "America/Bogota",
            ["envelope"] = new JsonObject { ["amount"] = "100000.00", ["currency"] = "USD" },
            ["minGrant"] = new JsonObject { ["amount"] = "10000.00", ["currency"] = "USD" },
            ["maxGrant"] = new JsonObject { ["amount"] = "50000.00", ["currency"] = "USD" },
            ["maxDurationMonths"] = 12, ["eligibility"] = new JsonArray(), ["requiredDocuments"] = new JsonArray(),
            ["criteria"] = JsonNode.Parse("""[{"id":"plan","title":"Plan","description":null,"weight":1,"maxScore":4,"levels":[{"score":0,"description":"No plan"},{"score":4,"description":"A clear plan with partners named"}]}]"""),
            ["reviewersPerApplication"] = 1, ["blindReview"] = false,
        };
        using var created = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, $"/api/funds/{fundId}/rounds", round));
        var id = (await Json(created)).GetProperty("id").GetString()!;

        var levels = (await RoundAsync(id)).GetProperty("criteria")[0].GetProperty("levels");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal([(0, "No plan"), (4, "A clear plan with partners named")], levels.EnumerateArray().Select(l => (l.GetProperty("score").GetInt32(), l.GetProperty("description").GetString()!)));
    }

    private async Task<HttpResponseMessage> SendAsync(Session session, HttpMethod method, string uri, string etag, object? body = null)
    {
        using var request = session.Bearer(method, uri, body);
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await Client.SendAsync(request);
    }

    private async Task<string> ETagAsync(string roundId)
    {
        using var read = await Client.GetAsync(new Uri($"/api/rounds/{roundId}", UriKind.Relative));
        return read.Headers.ETag!.ToString();
    }

    private async Task<JsonElement> RoundAsync(string roundId)
    {
        using var read = await Client.GetAsync(new Uri($"/api/rounds/{roundId}", UriKind.Relative));
        return await Json(read);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
