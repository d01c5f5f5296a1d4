using System.Net;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Identity;

/// <summary>Reviewers find organisations by name to declare conflicts; the search shows name and country, nothing else.</summary>
[Collection(RunnerCollection.Name)]
public sealed class OrganisationSearchTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task Search_ByBeginningsOfWordsOfTheName_AnyCase_ShowsNameAndCountryOnly()
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var ngo = await SignIn.AsAsync(Client, $"ngo-{Guid.NewGuid():N}@example.org");
        using var registered = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, "/api/organisations", new
        {
            name = $"Casa Refugio {unique} Oaxaca",
            country = "MX",
            registrationNumber = "AC-2015-118",
            website = "https://casa.example.org",
            contactEmail = "hola@casa.example.org",
        }));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var reviewerEmail = $"reviewer-{Guid.NewGuid():N}@example.org";
        var secretariat = await runner.SecretariatAsync();
        using var invited = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/invitations", new { email = reviewerEmail, role = "Reviewer" }));
        var reviewer = await SignIn.AsAsync(Client, reviewerEmail);

        // The name index follows the registration through the outbox, within moments.
        await Eventually.WaitFor(
            async () =>
            {
                using var response = await Client.SendAsync(reviewer.Bearer(HttpMethod.Get, $"/api/organisations?name={unique}"));
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetArrayLength();
            },
            n => n > 0,
            "the new organisation in the name index",
            TimeSpan.FromSeconds(30));
        using var found = await Client.SendAsync(reviewer.Bearer(HttpMethod.Get, $"/api/organisations?name=oax {unique.ToUpperInvariant()}"));
        using var tooShort = await Client.SendAsync(reviewer.Bearer(HttpMethod.Get, "/api/organisations?name=a"));
        using var byApplicant = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/organisations?name={unique}"));

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        using var body = JsonDocument.Parse(await found.Content.ReadAsStringAsync());
        var match = Assert.Single(body.RootElement.EnumerateArray());
        Assert.Equal($"Casa Refugio {unique} Oaxaca", match.GetProperty("name").GetString());
        Assert.Equal("MX", match.GetProperty("country").GetString());
        Assert.Equal(["country", "id", "name"], match.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        using var problem = JsonDocument.Parse(await tooShort.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.Forbidden, byApplicant.StatusCode);
    }

    [Fact]
    public async Task Search_AfterARename_FindsTheNewNameAndNotTheOld()
    {
        var (old, renamed) = (Guid.NewGuid().ToString("N")[..10], Guid.NewGuid().ToString("N")[..10]);
        var ngo = await SignIn.AsAsync(Client, $"ngo-{Guid.NewGuid():N}@example.org");
        object Profile(string word) => new { name = $"Esperanza {word}", country = "PE", registrationNumber = "PE-1", website = (string?)null, contactEmail = "info@esperanza.example.org" };
        using var registered = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, "/api/organisations", Profile(old)));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var answer = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement;
        var id = answer.GetProperty("organisation").GetProperty("id").GetString();
        var member = new Session(answer.GetProperty("session").GetProperty("token").GetString()!, string.Empty);
        var secretariat = await runner.SecretariatAsync();
        await Eventually.WaitFor(() => CountAsync(secretariat, old), n => n == 1, "the registered name in the index", TimeSpan.FromSeconds(30));

        var rename = member.Bearer(HttpMethod.Put, $"/api/organisations/{id}", Profile(renamed));
        rename.Headers.TryAddWithoutValidation("If-Match", registered.Headers.ETag!.ToString());
        using var renamedResponse = await Client.SendAsync(rename);
        Assert.Equal(HttpStatusCode.OK, renamedResponse.StatusCode);

        await Eventually.WaitFor(() => CountAsync(secretariat, renamed), n => n == 1, "the new name in the index", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await CountAsync(secretariat, old));
        Assert.Equal(1, await CountAsync(secretariat, "esperanza " + renamed[..4]));
    }

    private async Task<int> CountAsync(Session caller, string name)
    {
        using var response = await Client.SendAsync(caller.Bearer(HttpMethod.Get, $"/api/organisations?name={Uri.EscapeDataString(name)}"));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetArrayLength();
    }
}
