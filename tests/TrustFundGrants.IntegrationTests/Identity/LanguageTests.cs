using System.Net;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Identity;

/// <summary>PUT /api/me/language: the language stored with the user, read back by /api/me and kept across sessions.</summary>
[Collection(RunnerCollection.Name)]
public sealed class LanguageTests(RunnerFixture runner)
{
    [Fact]
    public async Task SetLanguage_Supported_IsStoredReadBackAndAudited()
    {
        var email = $"ngo-{Guid.NewGuid():N}@example.org";
        var session = await SignIn.AsAsync(runner.Client, email);
        Assert.Equal(JsonValueKind.Null, (await MeAsync(session)).GetProperty("language").ValueKind);

        using var set = await runner.Client.SendAsync(session.Bearer(HttpMethod.Put, "/api/me/language", new { language = "es" }));

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal("es", (await MeAsync(session)).GetProperty("language").GetString());
        var again = await SignIn.AsAsync(runner.Client, email);
        Assert.Equal("es", (await MeAsync(again)).GetProperty("language").GetString());
        var userId = (await MeAsync(session)).GetProperty("userId").GetString();
        var audit = (TrustFundGrants.Functions.Platform.Audit.AuditLog)runner.App.Services.GetService(typeof(TrustFundGrants.Functions.Platform.Audit.AuditLog))!;
        var actions = await Eventually.WaitFor(
            async () =>
            {
                var found = new List<string>();
                await foreach (var entry in audit.Client.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == "user:" + userId))
                {
                    found.Add(entry.GetString("Action"));
                }

                return found;
            },
            found => found.Contains("user.language-set"),
            "the language change's audit entry");
        Assert.Contains("user.language-set", actions);
    }

    [Theory]
    [InlineData("""{"language":"de"}""", "language")]
    [InlineData("""{"language":"fr","extra":1}""", "extra")]
    [InlineData("""{}""", "language")]
    public async Task SetLanguage_Invalid_Answers400NamingTheFieldAndChangesNothing(string body, string field)
    {
        var session = await SignIn.AsAsync(runner.Client, $"ngo-{Guid.NewGuid():N}@example.org");
        using var request = session.Bearer(HttpMethod.Put, "/api/me/language");
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await runner.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        Assert.Equal(JsonValueKind.Null, (await MeAsync(session)).GetProperty("language").ValueKind);
    }

    private async Task<JsonElement> MeAsync(Session session)
    {
        using var response = await runner.Client.SendAsync(session.Bearer(HttpMethod.Get, "/api/me"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
