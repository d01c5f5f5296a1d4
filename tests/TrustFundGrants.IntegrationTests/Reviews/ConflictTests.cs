using System.Net;
using System.Text.Json;
using PdfSharp.Pdf.IO;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.IntegrationTests.Identity;

namespace TrustFundGrants.IntegrationTests.Reviews;

/// <summary>
/// Conflicts that cannot be dodged: a reviewer who is a member of the applicant organisation is never
/// assigned, a tie found after assignment withdraws the reviewer (draft kept, never submitted), the
/// ranking flags a review that came from someone later found tied, and a blind round hides file names,
/// hashes and document properties from reviewers.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class ConflictTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task MemberOfTheApplicant_IsNeverAssigned_ByHandOrAutomatically()
    {
        var round = await ClosedRound.CreateAsync(runner, applications: 1, reviewers: 2, async r =>
            await MembershipTests.JoinAsync(Client, r.Ngos[0], r.Applications[0].OrganisationId, r.Reviewers[0].Email));
        var (member, other) = (round.Reviewers[0], round.Reviewers[1]);

        using var byHand = await Assign(round, round.Applications[0].Id, member.UserId);
        using var automatic = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{round.RoundId}/assignments/auto"));

        Assert.Equal(HttpStatusCode.Conflict, byHand.StatusCode);
        Assert.Contains("conflict of interest", await byHand.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, automatic.StatusCode);
        Assert.Empty(await ClosedRound.AssignmentsOfAsync(Client, member.Session));
        Assert.Single(await ClosedRound.AssignmentsOfAsync(Client, other.Session));
    }

    [Fact]
    public async Task ConflictDeclaredAfterAssignment_WithdrawsTheReviewer_KeepsTheDraftButRefusesSubmission()
    {
        var round = await ClosedRound.CreateAsync(runner, applications: 1, reviewers: 1);
        var (reviewer, application) = (round.Reviewers[0], round.Applications[0]);
        using var added = await Assign(round, application.Id, reviewer.UserId);
        var id = (await ApplicationSetup.Json(added)).GetProperty("id").GetString()!;
        using var draft = await Client.SendAsync(reviewer.Session.Bearer(HttpMethod.Put, $"/api/assignments/{id}/review", new { scores = new Dictionary<string, int> { ["relevance"] = 9 }, comments = "Written before I noticed.", recommendation = "fund" }));
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);

        using var declared = await Client.SendAsync(reviewer.Session.Bearer(HttpMethod.Post, "/api/me/conflicts", new { organisationId = application.OrganisationId, reason = "My sister runs it." }));
        using var submit = await Client.SendAsync(reviewer.Session.Bearer(HttpMethod.Post, $"/api/assignments/{id}/review/submit"));
        using var edit = await Client.SendAsync(reviewer.Session.Bearer(HttpMethod.Put, $"/api/assignments/{id}/review", new { scores = new Dictionary<string, int> { ["relevance"] = 10 }, comments = "x", recommendation = "fund" }));
        using var reinstate = await Assign(round, application.Id, reviewer.UserId);

        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, submit.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reinstate.StatusCode);
        Assert.Equal("Recused", Assert.Single(await ClosedRound.AssignmentsOfAsync(Client, reviewer.Session)).GetProperty("status").GetString());
        using var kept = await Client.SendAsync(reviewer.Session.Bearer(HttpMethod.Get, $"/api/assignments/{id}/review"));
        var review = await ApplicationSetup.Json(kept);
        Assert.Equal("Written before I noticed.", review.GetProperty("comments").GetString());
        Assert.Equal("Draft", review.GetProperty("assignment").GetProperty("reviewStatus").GetString());
        using var seen = await Client.SendAsync(reviewer.Session.Bearer(HttpMethod.Get, $"/api/applications/{application.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, seen.StatusCode);
    }

    [Fact]
    public async Task SubmittedReviewFromAReviewerLaterFoundAMember_IsLeftOutAndFlaggedInTheRanking()
    {
        var round = await ClosedRound.CreateAsync(runner, applications: 1, reviewers: 1);
        var (reviewer, application) = (round.Reviewers[0], round.Applications[0]);
        using var added = await Assign(round, application.Id, reviewer.UserId);
        var id = (await ApplicationSetup.Json(added)).GetProperty("id").GetString()!;
        using var draft = await Client.SendAsync(reviewer.Session.Bearer(HttpMethod.Put, $"/api/assignments/{id}/review", new { scores = new Dictionary<string, int> { ["relevance"] = 10 }, comments = "Outstanding.", recommendation = "fund" }));
        using var submitted = await Client.SendAsync(reviewer.Session.Bearer(HttpMethod.Post, $"/api/assignments/{id}/review/submit"));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.False((await RankingRowAsync(round, application.Id)).GetProperty("conflictedReview").GetBoolean());

        await MembershipTests.JoinAsync(Client, round.Ngos[0], application.OrganisationId, reviewer.Email);

        var row = await RankingRowAsync(round, application.Id);
        Assert.True(row.GetProperty("conflictedReview").GetBoolean());
        Assert.Equal(0, row.GetProperty("reviews").GetInt32());
    }

    [Fact]
    public async Task BlindRound_ReviewerSeesTheDocumentTitleOnly_AndDownloadsItWithoutItsAuthor()
    {
        var telling = ("Casa Segura budget by Amina\u202Efdp.exe", MinimalPdf.Build("Amina Otieno"));
        var round = await ClosedRound.CreateAsync(runner, applications: 1, reviewers: 1, blind: true, document: (telling.Item2, telling.Item1));
        var (reviewer, application) = (round.Reviewers[0], round.Applications[0]);
        using var added = await Assign(round, application.Id, reviewer.UserId);

        using var byReviewer = await Client.SendAsync(reviewer.Session.Bearer(HttpMethod.Get, $"/api/applications/{application.Id}"));
        using var byApplicant = await Client.SendAsync(round.Ngos[0].Bearer(HttpMethod.Get, $"/api/applications/{application.Id}"));
        using var download = await Client.SendAsync(reviewer.Session.Bearer(HttpMethod.Get, $"/api/applications/{application.Id}/documents/budget"));

        var seen = Assert.Single((await ApplicationSetup.Json(byReviewer)).GetProperty("documents").EnumerateArray());
        Assert.Equal("Budget.pdf", seen.GetProperty("fileName").GetString());
        Assert.Equal(string.Empty, seen.GetProperty("sha256").GetString());
        Assert.DoesNotContain("Amina", await byReviewer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var own = Assert.Single((await ApplicationSetup.Json(byApplicant)).GetProperty("documents").EnumerateArray());
        Assert.Equal("Casa Segura budget by Aminafdp.pdf", own.GetProperty("fileName").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("Budget.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("Amina", System.Text.Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.True(string.IsNullOrEmpty(pdf.Info.Author));
    }

    private async Task<JsonElement> RankingRowAsync(ClosedRound round, string applicationId)
    {
        using var ranking = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Get, $"/api/rounds/{round.RoundId}/ranking"));
        var view = await ApplicationSetup.Json(ranking);
        return view.GetProperty("ranked").EnumerateArray().Concat(view.GetProperty("unscored").EnumerateArray())
            .Single(r => r.GetProperty("applicationId").GetString() == applicationId);
    }

    private Task<HttpResponseMessage> Assign(ClosedRound round, string applicationId, string reviewerId) =>
        Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{round.RoundId}/assignments", new { applicationId, reviewerId }));
}
