using System.Net;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Reviews;

/// <summary>Review panels and conflict declarations through the LocalRunner.</summary>
[Collection(ReviewsCollection.Name)]
public sealed class PanelTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task AddReviewer_NewAddress_BecomesAReviewerOnThePanelOnceAndIsEmailed()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var reviewer = $"reviewer-{Guid.NewGuid():N}@example.org";

        using var added = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/reviewers", new { email = reviewer }));
        using var again = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/reviewers", new { email = reviewer }));
        using var panel = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Get, $"/api/rounds/{setup.RoundId}/reviewers"));
        var session = await SignIn.AsAsync(Client, reviewer);
        using var me = await Client.SendAsync(session.Bearer(HttpMethod.Get, "/api/me"));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single((await ApplicationSetup.Json(panel)).EnumerateArray(), r => r.GetProperty("email").GetString() == reviewer);
        Assert.Contains("Reviewer", (await ApplicationSetup.Json(me)).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        // The invitation is owed through the outbox: it arrives once, a moment after the answer.
        var invited = await Eventually.WaitFor(
            async () => (await SignIn.MailsToAsync(Client, reviewer)).Where(m => m.GetProperty("subject").GetString()!.StartsWith("You are on the review panel", StringComparison.Ordinal)).ToArray(),
            m => m.Length > 0,
            "the panel invitation");
        await runner.QueuesDrainedAsync();
        Assert.Single(await SignIn.MailsToAsync(Client, reviewer), m => m.GetProperty("subject").GetString()!.StartsWith("You are on the review panel", StringComparison.Ordinal));
        Assert.Single(invited);
    }

    [Fact]
    public async Task DeclareConflict_Reviewer_IsListedAndAudited()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var organisationId = await OrganisationIdOf(await setup.NgoAsync());
        var reviewer = await ReviewerAsync(setup);

        using var declared = await Client.SendAsync(reviewer.Bearer(HttpMethod.Post, "/api/me/conflicts", new { organisationId, reason = "I sit on its board." }));
        using var list = await Client.SendAsync(reviewer.Bearer(HttpMethod.Get, "/api/me/conflicts"));

        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        var conflict = Assert.Single((await ApplicationSetup.Json(list)).EnumerateArray());
        Assert.Equal(organisationId, conflict.GetProperty("organisationId").GetString());
    }

    [Theory]
    [InlineData(true, "organisationId")]
    [InlineData(false, "reason")]
    public async Task DeclareConflict_BadInput_Gets400NamingTheField(bool unknownOrganisation, string field)
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var organisationId = unknownOrganisation ? Guid.NewGuid().ToString() : await OrganisationIdOf(await setup.NgoAsync());
        var reviewer = await ReviewerAsync(setup);

        using var response = await Client.SendAsync(reviewer.Bearer(HttpMethod.Post, "/api/me/conflicts", new { organisationId, reason = unknownOrganisation ? "x" : " " }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ApplicationSetup.Json(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task DeclareConflict_ByAnApplicant_Gets403()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();

        using var response = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, "/api/me/conflicts", new { organisationId = await OrganisationIdOf(ngo), reason = "mine" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<Session> ReviewerAsync(ApplicationSetup setup)
    {
        var email = $"reviewer-{Guid.NewGuid():N}@example.org";
        using var added = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/reviewers", new { email }));
        return await SignIn.AsAsync(Client, email);
    }

    private async Task<string> OrganisationIdOf(Session ngo)
    {
        using var me = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, "/api/me"));
        return (await ApplicationSetup.Json(me)).GetProperty("organisationId").GetString()!;
    }
}
