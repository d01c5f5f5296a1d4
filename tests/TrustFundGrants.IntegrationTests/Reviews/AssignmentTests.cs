using System.Net;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Reviews;

/// <summary>Automatic assignment over a closed round through the LocalRunner: conflicts respected, gaps filled, recusals honoured.</summary>
[Collection(ReviewsCollection.Name)]
public sealed class AssignmentTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task AutoAssign_AvoidsDeclaredConflictsFillsGapsAndHonoursRecusals()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync(), closesIn: TimeSpan.FromMinutes(10), clock: runner.Clock);
        var applications = new List<(string Id, string OrganisationId)>();
        for (var i = 0; i < 3; i++)
        {
            var ngo = await setup.NgoAsync();
            var id = await setup.ReadyAsync(ngo);
            using var submitted = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            applications.Add((id, await OrganisationIdOf(ngo)));
        }

        var reviewers = new List<(string Email, Session Session, string UserId)>();
        for (var i = 0; i < 3; i++)
        {
            var email = $"reviewer-{Guid.NewGuid():N}@example.org";
            using var added = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/reviewers", new { email }));
            var session = await SignIn.AsAsync(Client, email);
            reviewers.Add((email, session, (await ApplicationSetup.Json(added)).GetProperty("userId").GetString()!));
        }

        var conflicted = applications[0];
        using var declared = await Client.SendAsync(reviewers[0].Session.Bearer(HttpMethod.Post, "/api/me/conflicts", new { organisationId = conflicted.OrganisationId, reason = "Former employer." }));
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);

        using var tooEarly = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/assignments/auto"));
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        await Eventually.WaitFor(async () => await EligibleCount(setup), n => n == 3, "screening", TimeSpan.FromSeconds(30));
        runner.Clock.StepPast(setup.ClosesAt);
        await Eventually.WaitFor(() => RoundStatus(setup), s => s == "Closed", "the round to close", TimeSpan.FromSeconds(30));

        using var first = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/assignments/auto"));
        using var second = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/assignments/auto"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(6, (await ApplicationSetup.Json(first)).GetProperty("added").GetInt32());
        Assert.Equal(0, (await ApplicationSetup.Json(second)).GetProperty("added").GetInt32());
        var byReviewer = new Dictionary<string, JsonElement[]>();
        foreach (var reviewer in reviewers)
        {
            using var mine = await Client.SendAsync(reviewer.Session.Bearer(HttpMethod.Get, "/api/assignments"));
            byReviewer[reviewer.UserId] = (await ApplicationSetup.Json(mine)).EnumerateArray().ToArray();
        }

        Assert.DoesNotContain(byReviewer[reviewers[0].UserId], a => a.GetProperty("applicationId").GetString() == conflicted.Id);
        Assert.All(byReviewer.Values, assigned => Assert.Equal(2, assigned.Length));

        // The second reviewer steps back from the conflicted organisation's application: only the
        // conflicted first reviewer would be left to take it, so the next run reports it short.
        var toRecuse = byReviewer[reviewers[1].UserId].Single(a => a.GetProperty("applicationId").GetString() == conflicted.Id);
        using var byOther = await Client.SendAsync(reviewers[2].Session.Bearer(HttpMethod.Post, $"/api/assignments/{toRecuse.GetProperty("id").GetString()}/recuse", new { reason = "Not mine" }));
        using var recused = await Client.SendAsync(reviewers[1].Session.Bearer(HttpMethod.Post, $"/api/assignments/{toRecuse.GetProperty("id").GetString()}/recuse", new { reason = "I advised them last year." }));
        using var third = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/assignments/auto"));

        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal("Recused", (await ApplicationSetup.Json(recused)).GetProperty("status").GetString());
        var run = await ApplicationSetup.Json(third);
        Assert.Equal(0, run.GetProperty("added").GetInt32());
        var shortfall = Assert.Single(run.GetProperty("shortfalls").EnumerateArray());
        Assert.Equal(conflicted.Id, shortfall.GetProperty("applicationId").GetString());
        Assert.Equal(1, shortfall.GetProperty("missing").GetInt32());
    }

    [Fact]
    public async Task Review_AssignedReviewer_SeesTheApplicationScoresAndSubmitsOnce()
    {
        var (setup, applicationId, reviewer, assignmentId, other) = await AssignedAsync();

        using var seen = await Client.SendAsync(reviewer.Bearer(HttpMethod.Get, $"/api/applications/{applicationId}"));
        using var document = await Client.SendAsync(reviewer.Bearer(HttpMethod.Get, $"/api/applications/{applicationId}/documents/budget"));
        using var notAssigned = await Client.SendAsync(other.Bearer(HttpMethod.Get, $"/api/applications/{applicationId}"));
        using var notAssignedDocument = await Client.SendAsync(other.Bearer(HttpMethod.Get, $"/api/applications/{applicationId}/documents/budget"));
        using var outOfRange = await Client.SendAsync(reviewer.Bearer(HttpMethod.Put, $"/api/assignments/{assignmentId}/review", new { scores = new Dictionary<string, int> { ["relevance"] = 11 }, comments = "x", recommendation = "fund" }));
        using var unknown = await Client.SendAsync(reviewer.Bearer(HttpMethod.Put, $"/api/assignments/{assignmentId}/review", new { scores = new Dictionary<string, int> { ["relevance"] = 5, ["charisma"] = 3 }, comments = "x", recommendation = "fund" }));
        using var tooMuch = await Client.SendAsync(reviewer.Bearer(HttpMethod.Put, $"/api/assignments/{assignmentId}/review", new { scores = new Dictionary<string, int> { ["relevance"] = 5 }, comments = "x", recommendation = "fund", recommendedAmount = new { amount = "45000.01", currency = "USD" } }));
        using var draft = await Client.SendAsync(reviewer.Bearer(HttpMethod.Put, $"/api/assignments/{assignmentId}/review", new { scores = new Dictionary<string, int> { ["relevance"] = 8 }, comments = "Strong shelter model.", recommendation = "fund" }));
        using var submitted = await Client.SendAsync(reviewer.Bearer(HttpMethod.Post, $"/api/assignments/{assignmentId}/review/submit"));
        using var afterwards = await Client.SendAsync(reviewer.Bearer(HttpMethod.Put, $"/api/assignments/{assignmentId}/review", new { scores = new Dictionary<string, int> { ["relevance"] = 1 }, comments = "changed", recommendation = "do-not-fund" }));

        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.False(string.IsNullOrEmpty((await ApplicationSetup.Json(seen)).GetProperty("organisationName").GetString()));
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAssigned.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAssignedDocument.StatusCode);
        Assert.True((await ApplicationSetup.Json(outOfRange)).GetProperty("errors").TryGetProperty("scores.relevance", out _));
        Assert.True((await ApplicationSetup.Json(unknown)).GetProperty("errors").TryGetProperty("scores.charisma", out _));
        Assert.True((await ApplicationSetup.Json(tooMuch)).GetProperty("errors").TryGetProperty("recommendedAmount.amount", out _));
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal("Submitted", (await ApplicationSetup.Json(submitted)).GetProperty("assignment").GetProperty("reviewStatus").GetString());
        Assert.Equal(HttpStatusCode.Conflict, afterwards.StatusCode);

        using var ranking = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Get, $"/api/rounds/{setup.RoundId}/ranking"));
        using var rankingForReviewer = await Client.SendAsync(reviewer.Bearer(HttpMethod.Get, $"/api/rounds/{setup.RoundId}/ranking"));
        var row = Assert.Single((await ApplicationSetup.Json(ranking)).GetProperty("ranked").EnumerateArray());
        Assert.Equal(80m, row.GetProperty("mean").GetDecimal());
        Assert.True(row.GetProperty("missingReviews").GetBoolean());
        Assert.True(row.GetProperty("withinEnvelope").GetBoolean());
        Assert.Equal("45000.00", row.GetProperty("cumulative").GetProperty("amount").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, rankingForReviewer.StatusCode);
    }

    [Fact]
    public async Task Review_SubmittedWithoutEveryCriterionScored_Gets400()
    {
        var (_, _, reviewer, assignmentId, _) = await AssignedAsync();

        using var submitted = await Client.SendAsync(reviewer.Bearer(HttpMethod.Post, $"/api/assignments/{assignmentId}/review/submit"));

        Assert.Equal(HttpStatusCode.BadRequest, submitted.StatusCode);
        Assert.True((await ApplicationSetup.Json(submitted)).GetProperty("errors").TryGetProperty("scores.relevance", out _));
    }

    /// <summary>One eligible application in a closed round, assigned to the first of two reviewers on a one-reviewer-per-application basis.</summary>
    private async Task<(ApplicationSetup Setup, string ApplicationId, Session Reviewer, string AssignmentId, Session Other)> AssignedAsync()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync(), closesIn: TimeSpan.FromMinutes(10), clock: runner.Clock);
        var ngo = await setup.NgoAsync();
        var applicationId = await setup.ReadyAsync(ngo);
        using var submitted = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{applicationId}/submit"));
        var email = $"reviewer-{Guid.NewGuid():N}@example.org";
        using var added = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/reviewers", new { email }));
        var reviewer = await SignIn.AsAsync(Client, email);
        await Eventually.WaitFor(async () => await EligibleCount(setup), n => n == 1, "screening", TimeSpan.FromSeconds(30));
        runner.Clock.StepPast(setup.ClosesAt);
        await Eventually.WaitFor(() => RoundStatus(setup), s => s == "Closed", "the round to close", TimeSpan.FromSeconds(30));
        using var run = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/assignments/auto"));
        using var mine = await Client.SendAsync(reviewer.Bearer(HttpMethod.Get, "/api/assignments"));
        var assignmentId = (await ApplicationSetup.Json(mine)).EnumerateArray().Single(a => a.GetProperty("applicationId").GetString() == applicationId).GetProperty("id").GetString()!;
        var otherEmail = $"reviewer-{Guid.NewGuid():N}@example.org";
        using var invited = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, "/api/invitations", new { email = otherEmail, role = "Reviewer" }));
        return (setup, applicationId, reviewer, assignmentId, await SignIn.AsAsync(Client, otherEmail));
    }

    private async Task<int> EligibleCount(ApplicationSetup setup)
    {
        using var response = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Get, $"/api/applications?roundId={setup.RoundId}&status=Eligible"));
        return (await ApplicationSetup.Json(response)).GetProperty("items").GetArrayLength();
    }

    private async Task<string?> RoundStatus(ApplicationSetup setup)
    {
        using var response = await Client.GetAsync(new Uri($"/api/rounds/{setup.RoundId}", UriKind.Relative));
        return (await ApplicationSetup.Json(response)).GetProperty("status").GetString();
    }

    private async Task<string> OrganisationIdOf(Session ngo)
    {
        using var me = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, "/api/me"));
        return (await ApplicationSetup.Json(me)).GetProperty("organisationId").GetString()!;
    }
}
