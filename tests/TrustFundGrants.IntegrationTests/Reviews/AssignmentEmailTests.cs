using System.Net;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Reviews;

/// <summary>Issue 13.8: a reviewer gets one email per assignment run, listing every application it gave them, through the outbox.</summary>
[Collection(ReviewsCollection.Name)]
public sealed class AssignmentEmailTests(RunnerFixture runner)
{
    private const string Subject = "Applications to review for ";

    private HttpClient Client => runner.Client;

    [Fact]
    public async Task AutoAssign_RunOfSeveralApplications_SendsEachReviewerExactlyOneEmailListingTheirs()
    {
        var round = await ClosedRound.CreateAsync(runner, applications: 5, reviewers: 3);

        using var run = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{round.RoundId}/assignments/auto"));
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal(10, (await ApplicationSetup.Json(run)).GetProperty("added").GetInt32());
        using var again = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{round.RoundId}/assignments/auto"));
        Assert.Equal(0, (await ApplicationSetup.Json(again)).GetProperty("added").GetInt32());

        foreach (var reviewer in round.Reviewers)
        {
            var references = (await ClosedRound.AssignmentsOfAsync(Client, reviewer.Session)).Select(a => a.GetProperty("reference").GetString()!).ToArray();
            var mail = await Eventually.WaitFor(() => AssignmentMailsTo(reviewer.Email), m => m.Length > 0, "the reviewer's assignment email");
            var text = mail[0].GetProperty("text").GetString()!;
            Assert.NotEmpty(references);
            Assert.All(references, r => Assert.Contains(r, text, StringComparison.Ordinal));
            Assert.Contains($"You have been given {references.Length} application(s)", text, StringComparison.Ordinal);
            Assert.EndsWith($": {references.Length}", mail[0].GetProperty("subject").GetString()!, StringComparison.Ordinal);
        }

        // The second run added nothing, and redelivery sends nothing twice: still one email each.
        await runner.QueuesDrainedAsync();
        foreach (var reviewer in round.Reviewers)
        {
            Assert.Single(await AssignmentMailsTo(reviewer.Email));
        }
    }

    [Fact]
    public async Task AssignByHand_OneApplication_SendsThatReviewerOneEmailNamingIt()
    {
        var round = await ClosedRound.CreateAsync(runner, applications: 1, reviewers: 1);
        var reviewer = round.Reviewers[0];
        var (applicationId, _) = round.Applications[0];

        using var assigned = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{round.RoundId}/assignments", new { applicationId, reviewerId = reviewer.UserId }));
        using var twice = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{round.RoundId}/assignments", new { applicationId, reviewerId = reviewer.UserId }));

        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        var reference = (await ApplicationSetup.Json(assigned)).GetProperty("reference").GetString()!;
        var mail = await Eventually.WaitFor(() => AssignmentMailsTo(reviewer.Email), m => m.Length > 0, "the assignment email");
        Assert.Contains(reference, mail[0].GetProperty("text").GetString()!, StringComparison.Ordinal);
        await runner.QueuesDrainedAsync();
        Assert.Single(await AssignmentMailsTo(reviewer.Email));
    }

    private async Task<JsonElement[]> AssignmentMailsTo(string email) =>
        (await SignIn.MailsToAsync(Client, email)).Where(m => m.GetProperty("subject").GetString()!.StartsWith(Subject, StringComparison.Ordinal)).ToArray();
}
