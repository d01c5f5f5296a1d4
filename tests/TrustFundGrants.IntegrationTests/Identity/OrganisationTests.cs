using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Identity;

/// <summary>NGOs register, see and edit only their own organisation; concurrent edits cannot overwrite each other.</summary>
[Collection(RunnerCollection.Name)]
public sealed class OrganisationTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    private static object Profile(string name = "Safe Harbour Kenya") => new
    {
        name,
        country = "KE",
        registrationNumber = "NGO/2019/0042",
        website = "https://safeharbour.example.org",
        contactEmail = "office@safeharbour.example.org",
    };

    [Fact]
    public async Task Register_SignedInPerson_CreatesOrganisationAndBecomesItsApplicant()
    {
        var session = await SignIn.AsAsync(Client, NewAddress());

        using var response = await Client.SendAsync(session.Bearer(HttpMethod.Post, "/api/organisations", Profile()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("organisation").GetProperty("id").GetString();
        Assert.Equal($"/api/organisations/{id}", response.Headers.Location?.ToString());
        var user = body.RootElement.GetProperty("session").GetProperty("user");
        Assert.Equal(id, user.GetProperty("organisationId").GetString());
        Assert.Contains("Applicant", user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Get_ApplicantOfAnotherOrganisation_Gets404()
    {
        var (_, idA) = await RegisterAsync();
        var (sessionB, _) = await RegisterAsync();

        using var response = await Client.SendAsync(sessionB.Bearer(HttpMethod.Get, $"/api/organisations/{idA}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Update_ByAnotherOrganisationsApplicant_Gets404AndChangesNothing()
    {
        var (sessionA, idA) = await RegisterAsync();
        var (sessionB, _) = await RegisterAsync();
        var etag = await ETagOf(sessionA, idA);

        using var request = sessionB.Bearer(HttpMethod.Put, $"/api/organisations/{idA}", Profile("Taken Over"));
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Safe Harbour Kenya", await NameOf(sessionA, idA));
    }

    [Fact]
    public async Task Update_WithStaleETag_Gets412AndKeepsTheFirstEdit()
    {
        var (session, id) = await RegisterAsync();
        var etag = await ETagOf(session, id);
        using var first = session.Bearer(HttpMethod.Put, $"/api/organisations/{id}", Profile("First Edit"));
        first.Headers.TryAddWithoutValidation("If-Match", etag);
        using var firstResponse = await Client.SendAsync(first);

        using var second = session.Bearer(HttpMethod.Put, $"/api/organisations/{id}", Profile("Second Edit"));
        second.Headers.TryAddWithoutValidation("If-Match", etag);
        using var secondResponse = await Client.SendAsync(second);

        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, secondResponse.StatusCode);
        Assert.Equal("First Edit", await NameOf(session, id));
    }

    [Fact]
    public async Task Update_WithoutIfMatch_Gets428()
    {
        var (session, id) = await RegisterAsync();

        using var response = await Client.SendAsync(session.Bearer(HttpMethod.Put, $"/api/organisations/{id}", Profile("No Precondition")));

        Assert.Equal((HttpStatusCode)428, response.StatusCode);
        Assert.Equal("Safe Harbour Kenya", await NameOf(session, id));
    }

    [Theory]
    [InlineData("country", "ke")]
    [InlineData("country", "XX")]
    [InlineData("contactEmail", "office at example")]
    [InlineData("website", "javascript:alert(1)")]
    [InlineData("name", "")]
    public async Task Register_WithAnInvalidField_Gets400NamingItAndCreatesNothing(string field, string value)
    {
        var session = await SignIn.AsAsync(Client, NewAddress());
        var profile = JsonSerializer.SerializeToNode(Profile())!.AsObject();
        profile[field] = value;

        using var response = await Client.SendAsync(session.Bearer(HttpMethod.Post, "/api/organisations", profile));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
        using var me = JsonDocument.Parse(await (await Client.SendAsync(session.Bearer(HttpMethod.Get, "/api/me"))).Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Null, me.RootElement.GetProperty("organisationId").ValueKind);
    }

    [Fact]
    public async Task Register_WithAnUnknownField_Gets400NamingIt()
    {
        var session = await SignIn.AsAsync(Client, NewAddress());
        var profile = JsonSerializer.SerializeToNode(Profile())!.AsObject();
        profile["verified"] = true;

        using var response = await Client.SendAsync(session.Bearer(HttpMethod.Post, "/api/organisations", profile));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"verified\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_Twice_SecondGets409()
    {
        var (session, _) = await RegisterAsync();

        using var response = await Client.SendAsync(session.Bearer(HttpMethod.Post, "/api/organisations", Profile("Second NGO")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task AddMember_Colleague_SignsInAsApplicantOfTheSameOrganisation()
    {
        var (session, id) = await RegisterAsync();
        var colleague = NewAddress();

        using var response = await Client.SendAsync(session.Bearer(HttpMethod.Post, $"/api/organisations/{id}/members", new { email = colleague }));
        var colleagueSession = await SignIn.AsAsync(Client, colleague);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var organisation = await Client.SendAsync(colleagueSession.Bearer(HttpMethod.Get, $"/api/organisations/{id}"));
        Assert.Equal(HttpStatusCode.OK, organisation.StatusCode);
    }

    [Fact]
    public async Task Secretariat_SeesAnyOrganisationAndItsAuditTrail()
    {
        var (_, id) = await RegisterAsync();
        var secretariat = await SignIn.AsAsync(Client, "second-admin@fund.example");

        using var organisation = await Client.SendAsync(secretariat.Bearer(HttpMethod.Get, $"/api/organisations/{id}"));
        var body = await Eventually.WaitFor(
            async () =>
            {
                using var audit = await Client.SendAsync(secretariat.Bearer(HttpMethod.Get, $"/api/audit?target=organisation:{id}"));
                Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
                return await audit.Content.ReadAsStringAsync();
            },
            b => b.Contains("organisation.registered", StringComparison.Ordinal),
            "the registration's audit entry");

        Assert.Equal(HttpStatusCode.OK, organisation.StatusCode);
        using var page = JsonDocument.Parse(body);
        var entry = Assert.Single(page.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("organisation.registered", entry.GetProperty("action").GetString());
    }

    [Fact]
    public async Task Audit_ForAnApplicant_Gets403()
    {
        var (session, id) = await RegisterAsync();

        using var response = await Client.SendAsync(session.Bearer(HttpMethod.Get, $"/api/audit?target=organisation:{id}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<(Session Session, string Id)> RegisterAsync()
    {
        var session = await SignIn.AsAsync(Client, NewAddress());
        using var response = await Client.SendAsync(session.Bearer(HttpMethod.Post, "/api/organisations", Profile()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("session").GetProperty("token").GetString()!;
        return (new Session(token, string.Empty), body.RootElement.GetProperty("organisation").GetProperty("id").GetString()!);
    }

    private async Task<string> ETagOf(Session session, string id)
    {
        using var response = await Client.SendAsync(session.Bearer(HttpMethod.Get, $"/api/organisations/{id}"));
        return response.Headers.ETag!.ToString();
    }

    private async Task<string?> NameOf(Session session, string id)
    {
        using var response = await Client.SendAsync(session.Bearer(HttpMethod.Get, $"/api/organisations/{id}"));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString();
    }

    private static string NewAddress() => $"ngo-{Guid.NewGuid():N}@example.org";
}
