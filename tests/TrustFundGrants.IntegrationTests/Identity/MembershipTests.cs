using System.Net;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Identity;

/// <summary>
/// Membership by consent: an invitation grants nothing until the invitee accepts it, says nothing
/// about who the address belongs to, is emailed at most once a day, and members leave or are removed
/// (never the last one) with the user row and the member list changing together.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class MembershipTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task Invite_InviteeSeesNothingUntilAccepting_ThenIsAMember()
    {
        var (founder, id) = await RegisterAsync();
        var colleague = NewAddress();

        using var invited = await Client.SendAsync(founder.Bearer(HttpMethod.Post, $"/api/organisations/{id}/invitations", new { email = colleague }));
        var invitee = await SignIn.AsAsync(Client, colleague);

        Assert.Equal(HttpStatusCode.Accepted, invited.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(invitee, HttpMethod.Get, $"/api/organisations/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(invitee, HttpMethod.Get, $"/api/organisations/{id}/members"));
        Assert.Equal(JsonValueKind.Null, (await MeAsync(invitee)).GetProperty("organisationId").ValueKind);
        Assert.Equal(colleague, Assert.Single(await ListAsync(founder, $"/api/organisations/{id}/invitations")).GetProperty("email").GetString());
        using var mine = await Client.SendAsync(invitee.Bearer(HttpMethod.Get, $"/api/organisations/{id}/invitations/mine"));
        Assert.Equal("Safe Harbour Kenya", (await Json(mine)).GetProperty("organisationName").GetString());

        using var accepted = await Client.SendAsync(invitee.Bearer(HttpMethod.Post, $"/api/organisations/{id}/invitations/mine/accept"));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var member = new Session((await Json(accepted)).GetProperty("token").GetString()!, string.Empty);
        Assert.Equal(id, (await MeAsync(member)).GetProperty("organisationId").GetString());
        Assert.Equal(HttpStatusCode.OK, await StatusOf(member, HttpMethod.Get, $"/api/organisations/{id}"));
        Assert.Equal(2, (await ListAsync(founder, $"/api/organisations/{id}/members")).Length);
        Assert.Empty(await ListAsync(founder, $"/api/organisations/{id}/invitations"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(member, HttpMethod.Post, $"/api/organisations/{id}/invitations/mine/accept"));
    }

    [Fact]
    public async Task Invite_AddressOfAnotherOrganisationsMember_AnswersAsForAnyoneAndPullsNobodyIn()
    {
        var (attacker, attackersOrg) = await RegisterAsync();
        var victimAddress = NewAddress();
        var (victim, victimsOrg) = await RegisterAsync(victimAddress);

        using var forVictim = await Client.SendAsync(attacker.Bearer(HttpMethod.Post, $"/api/organisations/{attackersOrg}/invitations", new { email = victimAddress }));
        using var forStranger = await Client.SendAsync(attacker.Bearer(HttpMethod.Post, $"/api/organisations/{attackersOrg}/invitations", new { email = "stranger@example.org" }));

        Assert.Equal(forStranger.StatusCode, forVictim.StatusCode);
        Assert.Equal(
            (await forStranger.Content.ReadAsStringAsync()).Replace("stranger@example.org", "X", StringComparison.Ordinal),
            (await forVictim.Content.ReadAsStringAsync()).Replace(victimAddress, "X", StringComparison.Ordinal));
        Assert.Equal(victimsOrg, (await MeAsync(await SignIn.AsAsync(Client, victimAddress))).GetProperty("organisationId").GetString());
        Assert.Single(await ListAsync(attacker, $"/api/organisations/{attackersOrg}/members"));

        // Even if the victim clicks accept, one person belongs to one organisation.
        using var accepted = await Client.SendAsync(victim.Bearer(HttpMethod.Post, $"/api/organisations/{attackersOrg}/invitations/mine/accept"));
        Assert.Equal(HttpStatusCode.Conflict, accepted.StatusCode);
        Assert.Equal(victimsOrg, (await MeAsync(await SignIn.AsAsync(Client, victimAddress))).GetProperty("organisationId").GetString());
        Assert.Single(await ListAsync(attacker, $"/api/organisations/{attackersOrg}/members"));
    }

    [Fact]
    public async Task Accept_SomeoneElsesInvitation_Gets404AndJoinsNobody()
    {
        var (founder, id) = await RegisterAsync();
        using var invited = await Client.SendAsync(founder.Bearer(HttpMethod.Post, $"/api/organisations/{id}/invitations", new { email = NewAddress() }));
        var outsider = await SignIn.AsAsync(Client, NewAddress());

        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(outsider, HttpMethod.Get, $"/api/organisations/{id}/invitations/mine"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(outsider, HttpMethod.Post, $"/api/organisations/{id}/invitations/mine/accept"));
        Assert.Single(await ListAsync(founder, $"/api/organisations/{id}/members"));
    }

    [Fact]
    public async Task Invite_SameAddressRepeatedly_SendsOneEmailInADay()
    {
        var (founder, id) = await RegisterAsync();
        var colleague = NewAddress();

        for (var i = 0; i < 4; i++)
        {
            using var invited = await Client.SendAsync(founder.Bearer(HttpMethod.Post, $"/api/organisations/{id}/invitations", new { email = colleague }));
            Assert.Equal(HttpStatusCode.Accepted, invited.StatusCode);
        }

        var mails = await Eventually.WaitFor(() => SignIn.MailsToAsync(Client, colleague), m => m.Length > 0, "the invitation");
        await runner.QueuesDrainedAsync();
        Assert.Single(await SignIn.MailsToAsync(Client, colleague));
        Assert.Contains("Safe Harbour Kenya", mails[0].GetProperty("subject").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_ByManyOrganisations_EmailsTheAddressAtMostThreeTimesADay()
    {
        var target = NewAddress();
        for (var i = 0; i < 5; i++)
        {
            var (member, id) = await RegisterAsync();
            using var invited = await Client.SendAsync(member.Bearer(HttpMethod.Post, $"/api/organisations/{id}/invitations", new { email = target }));
            Assert.Equal(HttpStatusCode.Accepted, invited.StatusCode);
        }

        await Eventually.WaitFor(() => SignIn.MailsToAsync(Client, target), m => m.Length >= 3, "three invitations");
        await runner.QueuesDrainedAsync();
        Assert.Equal(3, (await SignIn.MailsToAsync(Client, target)).Length);
    }

    [Fact]
    public async Task Invite_BeyondTheOrganisationsDailyLimit_Gets429WithRetryAfter()
    {
        var (founder, id) = await RegisterAsync();
        for (var i = 0; i < 20; i++)
        {
            using var invited = await Client.SendAsync(founder.Bearer(HttpMethod.Post, $"/api/organisations/{id}/invitations", new { email = NewAddress() }));
            Assert.Equal(HttpStatusCode.Accepted, invited.StatusCode);
        }

        var last = NewAddress();
        using var refused = await Client.SendAsync(founder.Bearer(HttpMethod.Post, $"/api/organisations/{id}/invitations", new { email = last }));

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(20, (await ListAsync(founder, $"/api/organisations/{id}/invitations")).Length);
    }

    [Fact]
    public async Task Remove_ByAnotherMember_EndsTheMembership_ButNeverTheLast()
    {
        var (founder, id) = await RegisterAsync();
        var (colleague, colleagueId) = await JoinAsync(founder, id);
        var founderId = (await MeAsync(founder)).GetProperty("userId").GetString()!;
        var founderEmail = (await MeAsync(founder)).GetProperty("email").GetString()!;

        Assert.Equal(HttpStatusCode.NoContent, await StatusOf(colleague, HttpMethod.Delete, $"/api/organisations/{id}/members/{founderId}"));

        var members = await ListAsync(colleague, $"/api/organisations/{id}/members");
        Assert.Equal(colleagueId, Assert.Single(members).GetProperty("userId").GetString());
        // The removed person's session, which still named the organisation, ends with the removal.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOf(founder, HttpMethod.Get, $"/api/organisations/{id}"));
        Assert.Equal(JsonValueKind.Null, (await MeAsync(await SignIn.AsAsync(Client, founderEmail))).GetProperty("organisationId").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, await StatusOf(colleague, HttpMethod.Delete, $"/api/organisations/{id}/members/{colleagueId}"));
        Assert.Single(await ListAsync(colleague, $"/api/organisations/{id}/members"));
    }

    [Fact]
    public async Task Leave_AMemberOfTwo_GetsASessionWithoutTheOrganisation()
    {
        var (founder, id) = await RegisterAsync();
        var (colleague, colleagueId) = await JoinAsync(founder, id);

        using var left = await Client.SendAsync(colleague.Bearer(HttpMethod.Delete, $"/api/organisations/{id}/members/{colleagueId}"));

        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        var after = new Session((await Json(left)).GetProperty("token").GetString()!, string.Empty);
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(after, HttpMethod.Get, $"/api/organisations/{id}"));
        Assert.Single(await ListAsync(founder, $"/api/organisations/{id}/members"));
    }

    [Fact]
    public async Task Remove_ByAnOutsider_Gets404AndChangesNothing_TheSecretariatMayRemoveTheLast()
    {
        var (founder, id) = await RegisterAsync();
        var (outsider, _) = await RegisterAsync();
        var founderId = (await MeAsync(founder)).GetProperty("userId").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(outsider, HttpMethod.Delete, $"/api/organisations/{id}/members/{founderId}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(outsider, HttpMethod.Post, $"/api/organisations/{id}/invitations"));
        Assert.Single(await ListAsync(founder, $"/api/organisations/{id}/members"));

        var secretariat = await runner.SecretariatAsync();
        Assert.Equal(HttpStatusCode.NoContent, await StatusOf(secretariat, HttpMethod.Delete, $"/api/organisations/{id}/members/{founderId}"));
        Assert.Empty(await ListAsync(secretariat, $"/api/organisations/{id}/members"));
    }

    [Fact]
    public async Task RemoveAtOnce_TwoMembersRemovingEachOther_LeavesOne()
    {
        var (founder, id) = await RegisterAsync();
        var (colleague, colleagueId) = await JoinAsync(founder, id);
        var founderId = (await MeAsync(founder)).GetProperty("userId").GetString()!;

        var outcomes = await Task.WhenAll(
            StatusOf(founder, HttpMethod.Delete, $"/api/organisations/{id}/members/{colleagueId}"),
            StatusOf(colleague, HttpMethod.Delete, $"/api/organisations/{id}/members/{founderId}"));

        Assert.Contains(HttpStatusCode.NoContent, outcomes);
        Assert.Contains(HttpStatusCode.Conflict, outcomes);
        var secretariat = await runner.SecretariatAsync();
        Assert.Single(await ListAsync(secretariat, $"/api/organisations/{id}/members"));
    }

    /// <summary>Invites a new colleague, signs them in and accepts; their session and user id.</summary>
    internal static async Task<(Session Session, string UserId)> JoinAsync(HttpClient client, Session member, string id, string? email = null)
    {
        email ??= NewAddress();
        using var invited = await client.SendAsync(member.Bearer(HttpMethod.Post, $"/api/organisations/{id}/invitations", new { email }));
        Assert.Equal(HttpStatusCode.Accepted, invited.StatusCode);
        var invitee = await SignIn.AsAsync(client, email);
        using var accepted = await client.SendAsync(invitee.Bearer(HttpMethod.Post, $"/api/organisations/{id}/invitations/mine/accept"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var session = await Json(accepted);
        return (new Session(session.GetProperty("token").GetString()!, string.Empty), session.GetProperty("user").GetProperty("userId").GetString()!);
    }

    private Task<(Session Session, string UserId)> JoinAsync(Session member, string id) => JoinAsync(Client, member, id);

    private async Task<(Session Session, string Id)> RegisterAsync(string? email = null)
    {
        var session = await SignIn.AsAsync(Client, email ?? NewAddress());
        using var response = await Client.SendAsync(session.Bearer(HttpMethod.Post, "/api/organisations", OrganisationTests.ProfileNamed("Safe Harbour Kenya")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        return (new Session(body.GetProperty("session").GetProperty("token").GetString()!, string.Empty), body.GetProperty("organisation").GetProperty("id").GetString()!);
    }

    private async Task<HttpStatusCode> StatusOf(Session session, HttpMethod method, string uri)
    {
        using var response = await Client.SendAsync(session.Bearer(method, uri, method == HttpMethod.Post ? new { email = NewAddress() } : null));
        return response.StatusCode;
    }

    private async Task<JsonElement> MeAsync(Session session)
    {
        using var response = await Client.SendAsync(session.Bearer(HttpMethod.Get, "/api/me"));
        return await Json(response);
    }

    private async Task<JsonElement[]> ListAsync(Session session, string uri)
    {
        using var response = await Client.SendAsync(session.Bearer(HttpMethod.Get, uri));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Json(response)).EnumerateArray().ToArray();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static string NewAddress() => $"ngo-{Guid.NewGuid():N}@example.org";
}
