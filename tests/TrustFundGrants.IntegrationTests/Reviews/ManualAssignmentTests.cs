using System.Net;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Reviews;

/// <summary>The Secretariat's hand on assignment: the same rules as the automatic run, and nothing a reviewer wrote is lost.</summary>
[Collection(RunnerCollection.Name)]
public sealed class ManualAssignmentTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task AssignAndUnassign_KeepConflictsRecusalsAndSubmittedReviews()
    {
        HttpStatusCode tooEarly = default;
        var round = await ClosedRound.CreateAsync(runner, applications: 2, reviewers: 2, async r =>
        {
            using var early = await Assign(r, r.Applications[0].Id, r.Reviewers[0].UserId);
            tooEarly = early.StatusCode;
            using var declared = await Client.SendAsync(r.Reviewers[0].Session.Bearer(HttpMethod.Post, "/api/me/conflicts", new { organisationId = r.Applications[1].OrganisationId, reason = "I sit on their board." }));
            Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        });
        var (alice, bob) = (round.Reviewers[0], round.Reviewers[1]);
        var (first, second) = (round.Applications[0], round.Applications[1]);

        using var conflicted = await Assign(round, second.Id, alice.UserId);
        using var notOnPanel = await Assign(round, first.Id, Guid.NewGuid().ToString());
        using var noSuchApplication = await Assign(round, Guid.NewGuid().ToString(), bob.UserId);
        using var unknownField = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{round.RoundId}/assignments", new { applicationId = first.Id, reviewerId = bob.UserId, weight = 2 }));
        using var byReviewer = await Client.SendAsync(bob.Session.Bearer(HttpMethod.Post, $"/api/rounds/{round.RoundId}/assignments", new { applicationId = first.Id, reviewerId = bob.UserId }));

        Assert.Equal(HttpStatusCode.Conflict, tooEarly);
        Assert.Equal(HttpStatusCode.Conflict, conflicted.StatusCode);
        Assert.Contains("conflict of interest", await conflicted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await ApplicationSetup.Json(notOnPanel)).GetProperty("errors").TryGetProperty("reviewerId", out _));
        Assert.True((await ApplicationSetup.Json(noSuchApplication)).GetProperty("errors").TryGetProperty("applicationId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byReviewer.StatusCode);
        Assert.Empty(await ClosedRound.AssignmentsOfAsync(Client, alice.Session));
        Assert.Empty(await ClosedRound.AssignmentsOfAsync(Client, bob.Session));

        using var added = await Assign(round, first.Id, bob.UserId);
        using var again = await Assign(round, first.Id, bob.UserId);
        var id = (await ApplicationSetup.Json(added)).GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var roundList = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Get, $"/api/rounds/{round.RoundId}/assignments"));
        using var roundListByReviewer = await Client.SendAsync(bob.Session.Bearer(HttpMethod.Get, $"/api/rounds/{round.RoundId}/assignments"));
        var listed = Assert.Single((await ApplicationSetup.Json(roundList)).EnumerateArray());
        Assert.Equal(bob.UserId, listed.GetProperty("reviewerId").GetString());
        Assert.False(listed.TryGetProperty("scores", out _));
        Assert.Equal(HttpStatusCode.Forbidden, roundListByReviewer.StatusCode);
        using var conflicts = await Client.SendAsync(alice.Session.Bearer(HttpMethod.Get, "/api/me/conflicts"));
        Assert.False(string.IsNullOrEmpty(Assert.Single((await ApplicationSetup.Json(conflicts)).EnumerateArray()).GetProperty("organisationName").GetString()));
        Assert.Equal(id, (await ApplicationSetup.Json(again)).GetProperty("id").GetString());
        Assert.Single(await ClosedRound.AssignmentsOfAsync(Client, bob.Session));

        // Bob drafts, then is taken off: he no longer sees it, the draft stays stored, and no automatic run puts him back.
        using var draft = await Client.SendAsync(bob.Session.Bearer(HttpMethod.Put, $"/api/assignments/{id}/review", new { scores = new Dictionary<string, int> { ["relevance"] = 6 }, comments = "Half done.", recommendation = "maybe" }));
        using var removedByReviewer = await Client.SendAsync(bob.Session.Bearer(HttpMethod.Delete, $"/api/assignments/{id}"));
        using var removed = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Delete, $"/api/assignments/{id}"));
        using var removedAgain = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Delete, $"/api/assignments/{id}"));
        using var seen = await Client.SendAsync(bob.Session.Bearer(HttpMethod.Get, $"/api/applications/{first.Id}"));
        using var saveAfter = await Client.SendAsync(bob.Session.Bearer(HttpMethod.Put, $"/api/assignments/{id}/review", new { scores = new Dictionary<string, int> { ["relevance"] = 7 }, comments = "More.", recommendation = "fund" }));
        using var auto = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{round.RoundId}/assignments/auto"));

        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, removedByReviewer.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, seen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, saveAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, auto.StatusCode);
        var mine = await ClosedRound.AssignmentsOfAsync(Client, bob.Session);
        Assert.DoesNotContain(mine, a => a.GetProperty("applicationId").GetString() == first.Id);

        // Put back by hand: the kept draft is his again, and once submitted it cannot be taken off.
        using var reinstated = await Assign(round, first.Id, bob.UserId);
        using var review = await Client.SendAsync(bob.Session.Bearer(HttpMethod.Post, $"/api/assignments/{id}/review/submit"));
        using var removeSubmitted = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Delete, $"/api/assignments/{id}"));

        Assert.Equal("Assigned", (await ApplicationSetup.Json(reinstated)).GetProperty("status").GetString());
        using var kept = await Client.SendAsync(bob.Session.Bearer(HttpMethod.Get, $"/api/assignments/{id}/review"));
        using var notAlices = await Client.SendAsync(alice.Session.Bearer(HttpMethod.Get, $"/api/assignments/{id}/review"));
        var keptReview = await ApplicationSetup.Json(kept);
        Assert.Equal("Half done.", keptReview.GetProperty("comments").GetString());
        Assert.Equal(6, keptReview.GetProperty("scores").GetProperty("relevance").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, notAlices.StatusCode);
        Assert.Equal("Draft", (await ApplicationSetup.Json(reinstated)).GetProperty("reviewStatus").GetString());
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, removeSubmitted.StatusCode);
        // Audit entries commit with their changes and are written by the audit queue's consumer moments later.
        var actions = await Eventually.WaitFor(
            async () =>
            {
                using var audit = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Get, $"/api/audit?target=application:{first.Id}"));
                return (await ApplicationSetup.Json(audit)).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToArray();
            },
            a => a.Contains("assignment.reinstated"),
            "the assignment's audit entries");
        Assert.Contains("assignment.added", actions);
        Assert.Contains("assignment.removed", actions);
        Assert.Contains("assignment.reinstated", actions);
    }

    [Fact]
    public async Task Assign_ToAReviewerWhoRecused_IsRefused_EvenAfterTheSecretariatTookThemOff()
    {
        var round = await ClosedRound.CreateAsync(runner, applications: 1, reviewers: 1);
        var reviewer = round.Reviewers[0];
        using var added = await Assign(round, round.Applications[0].Id, reviewer.UserId);
        var id = (await ApplicationSetup.Json(added)).GetProperty("id").GetString()!;
        using var recused = await Client.SendAsync(reviewer.Session.Bearer(HttpMethod.Post, $"/api/assignments/{id}/recuse", new { reason = "I advised them last year." }));

        using var takenOff = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Delete, $"/api/assignments/{id}"));
        using var again = await Assign(round, round.Applications[0].Id, reviewer.UserId);

        Assert.Equal(HttpStatusCode.OK, recused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, takenOff.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("Recused", Assert.Single(await ClosedRound.AssignmentsOfAsync(Client, reviewer.Session)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task BlindRound_ReviewerSeesNeitherTheOrganisationNorItsName_SecretariatSeesBoth()
    {
        var round = await ClosedRound.CreateAsync(runner, applications: 1, reviewers: 1, blind: true);
        var application = round.Applications[0];
        using var added = await Assign(round, application.Id, round.Reviewers[0].UserId);

        using var byReviewer = await Client.SendAsync(round.Reviewers[0].Session.Bearer(HttpMethod.Get, $"/api/applications/{application.Id}"));
        using var bySecretariat = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Get, $"/api/applications/{application.Id}"));

        var seen = await ApplicationSetup.Json(byReviewer);
        Assert.Equal(string.Empty, seen.GetProperty("organisationId").GetString());
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("organisationName").ValueKind);
        Assert.DoesNotContain(application.OrganisationId, await byReviewer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var full = await ApplicationSetup.Json(bySecretariat);
        Assert.Equal(application.OrganisationId, full.GetProperty("organisationId").GetString());
        Assert.False(string.IsNullOrEmpty(full.GetProperty("organisationName").GetString()));
    }

    private Task<HttpResponseMessage> Assign(ClosedRound round, string applicationId, string reviewerId) =>
        Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{round.RoundId}/assignments", new { applicationId, reviewerId }));
}
