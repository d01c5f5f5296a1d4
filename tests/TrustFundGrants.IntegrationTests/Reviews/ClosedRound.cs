using System.Net;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Reviews;

/// <summary>A round that has closed with eligible applications from distinct NGOs and a panel of signed-in reviewers.</summary>
internal sealed record ClosedRound(
    ApplicationSetup Setup, IReadOnlyList<(string Id, string OrganisationId)> Applications, IReadOnlyList<(string Email, Session Session, string UserId)> Reviewers, IReadOnlyList<Session> Ngos)
{
    public string RoundId => Setup.RoundId;

    public Session Secretariat => Setup.Secretariat;

    public static async Task<ClosedRound> CreateAsync(
        RunnerFixture runner, int applications, int reviewers, Func<ClosedRound, Task>? beforeClosing = null, bool blind = false, (byte[] Bytes, string Name)? document = null)
    {
        var client = runner.Client;
        var setup = await ApplicationSetup.OpenRoundAsync(client, await runner.SecretariatAsync(), closesIn: TimeSpan.FromMinutes(10), blind: blind, clock: runner.Clock);
        var submitted = new List<(string, string)>();
        var ngos = new List<Session>();
        for (var i = 0; i < applications; i++)
        {
            var ngo = await setup.NgoAsync();
            ngos.Add(ngo);
            var id = await setup.ReadyAsync(ngo, document: document);
            using var submit = await client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
            using var me = await client.SendAsync(ngo.Bearer(HttpMethod.Get, "/api/me"));
            submitted.Add((id, (await ApplicationSetup.Json(me)).GetProperty("organisationId").GetString()!));
        }

        var panel = new List<(string, Session, string)>();
        for (var i = 0; i < reviewers; i++)
        {
            var email = $"reviewer-{Guid.NewGuid():N}@example.org";
            using var added = await client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/reviewers", new { email }));
            panel.Add((email, await SignIn.AsAsync(client, email), (await ApplicationSetup.Json(added)).GetProperty("userId").GetString()!));
        }

        var round = new ClosedRound(setup, submitted, panel, ngos);
        if (beforeClosing is not null)
        {
            await beforeClosing(round);
        }

        await Eventually.WaitFor(() => round.CountAsync(client, "Eligible"), n => n == applications, "screening", TimeSpan.FromSeconds(30));
        runner.Clock.StepPast(setup.ClosesAt);
        await Eventually.WaitFor(() => round.StatusAsync(client), s => s == "Closed", "the round to close", TimeSpan.FromSeconds(30));
        return round;
    }

    /// <summary>GET /api/assignments as the reviewer sees it.</summary>
    public static async Task<JsonElement[]> AssignmentsOfAsync(HttpClient client, Session reviewer)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.SendAsync(reviewer.Bearer(HttpMethod.Get, "/api/assignments"));
        return (await ApplicationSetup.Json(response)).EnumerateArray().ToArray();
    }

    public async Task<int> CountAsync(HttpClient client, string status)
    {
        using var response = await client.SendAsync(Secretariat.Bearer(HttpMethod.Get, $"/api/applications?roundId={RoundId}&status={status}"));
        return (await ApplicationSetup.Json(response)).GetProperty("items").GetArrayLength();
    }

    public async Task<string?> StatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri($"/api/rounds/{RoundId}", UriKind.Relative));
        return (await ApplicationSetup.Json(response)).GetProperty("status").GetString();
    }
}
