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
    public async Task Search_ByPartOfTheName_AnyCase_ShowsNameAndCountryOnly()
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

        using var found = await Client.SendAsync(reviewer.Bearer(HttpMethod.Get, $"/api/organisations?name={unique.ToUpperInvariant()}"));
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
}
