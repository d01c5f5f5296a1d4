using System.Net;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Decisions;

/// <summary>Decisions within the envelope, held until released, and one email per applicant on release.</summary>
[Collection(ReviewsCollection.Name)]
public sealed class DecisionTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task Approvals_FiredAtOnce_NeverExceedTheEnvelopeAndReleaseEmailsEachApplicantOnce()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync(), envelope: "100000.00");
        var applicants = new List<(Session Ngo, string Id, string Email)>();
        for (var i = 0; i < 3; i++)
        {
            var ngo = await setup.NgoAsync();
            var id = await setup.ReadyAsync(ngo);
            using var submitted = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));
            using var me = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, "/api/me"));
            applicants.Add((ngo, id, (await ApplicationSetup.Json(me)).GetProperty("email").GetString()!));
        }

        foreach (var (ngo, id, _) in applicants)
        {
            await Eventually.WaitFor(() => StatusOf(ngo, id), s => s == "Eligible", "screening");
        }

        var secretariat = setup.Secretariat;
        var approvals = await Task.WhenAll(applicants.Select(a => Client.SendAsync(secretariat.Bearer(
            HttpMethod.Post, $"/api/applications/{a.Id}/decision",
            new { outcome = "approved", approvedAmount = new { amount = "45000.00", currency = "USD" }, rationale = "Strong and well costed." }))));

        Assert.Equal(2, approvals.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = Assert.Single(approvals, r => r.StatusCode == HttpStatusCode.Conflict);
        var problem = await ApplicationSetup.Json(refused);
        Assert.Contains("10000.00 USD", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("urn:trustfundgrants:problem:envelope-exceeded", problem.GetProperty("type").GetString());
        Assert.Equal("10000.00", problem.GetProperty("remaining").GetProperty("amount").GetString());
        var loser = applicants[Array.IndexOf(approvals, refused)];
        using var rejected = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, $"/api/applications/{loser.Id}/decision", new { outcome = "rejected", rationale = "Outside the fund's priorities this year." }));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("Eligible", await StatusOf(loser.Ngo, loser.Id));

        using var released = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/decisions/release"));
        using var again = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/decisions/release"));

        Assert.Equal(3, (await ApplicationSetup.Json(released)).GetProperty("released").GetInt32());
        Assert.Equal(0, (await ApplicationSetup.Json(again)).GetProperty("released").GetInt32());
        Assert.Equal("Rejected", await StatusOf(loser.Ngo, loser.Id));
        foreach (var applicant in applicants)
        {
            await Eventually.WaitFor(() => DecisionMails(applicant.Email), n => n >= 1, "the decision email");
        }

        await runner.QueuesDrainedAsync();
        foreach (var applicant in applicants)
        {
            Assert.Equal(1, await DecisionMails(applicant.Email));
        }

        var rejection = (await SignIn.MailsToAsync(Client, loser.Email)).Single(m => m.GetProperty("subject").GetString()!.StartsWith("Decision on your application", StringComparison.Ordinal));
        Assert.Contains("Outside the fund's priorities", rejection.GetProperty("text").GetString(), StringComparison.Ordinal);
        foreach (var a in approvals)
        {
            a.Dispose();
        }
    }

    [Fact]
    public async Task Decision_OnANonEligibleApplicationOrAboveTheRequest_IsRefused()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var draft = await setup.ReadyAsync(ngo);
        var other = await setup.NgoAsync();
        var eligibleId = await setup.ReadyAsync(other);
        using var submitted = await Client.SendAsync(other.Bearer(HttpMethod.Post, $"/api/applications/{eligibleId}/submit"));
        var unregistered = await setup.NgoAsync();
        var ineligibleId = await setup.ReadyAsync(unregistered, registered: false);
        using var submittedIneligible = await Client.SendAsync(unregistered.Bearer(HttpMethod.Post, $"/api/applications/{ineligibleId}/submit"));
        var leaving = await setup.NgoAsync();
        var withdrawnId = await setup.ReadyAsync(leaving);
        using var submittedWithdrawn = await Client.SendAsync(leaving.Bearer(HttpMethod.Post, $"/api/applications/{withdrawnId}/submit"));
        await Eventually.WaitFor(() => StatusOf(other, eligibleId), s => s == "Eligible", "screening");
        await Eventually.WaitFor(() => StatusOf(unregistered, ineligibleId), s => s == "Ineligible", "screening");
        await Eventually.WaitFor(() => StatusOf(leaving, withdrawnId), s => s == "Eligible", "screening");
        using var withdrawn = await Client.SendAsync(leaving.Bearer(HttpMethod.Post, $"/api/applications/{withdrawnId}/withdraw"));
        Assert.Equal("Withdrawn", await StatusOf(leaving, withdrawnId));

        using var onIneligible = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/applications/{ineligibleId}/decision",
            new { outcome = "approved", approvedAmount = new { amount = "20000.00", currency = "USD" }, rationale = "x" }));
        using var onWithdrawn = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/applications/{withdrawnId}/decision",
            new { outcome = "approved", approvedAmount = new { amount = "20000.00", currency = "USD" }, rationale = "x" }));
        using var onDraft = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/applications/{draft}/decision", new { outcome = "rejected", rationale = "x" }));
        using var tooMuch = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/applications/{eligibleId}/decision",
            new { outcome = "approved", approvedAmount = new { amount = "45000.01", currency = "USD" }, rationale = "x" }));
        using var noAmount = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/applications/{eligibleId}/decision", new { outcome = "approved", rationale = "x" }));
        using var byApplicant = await Client.SendAsync(other.Bearer(HttpMethod.Post, $"/api/applications/{eligibleId}/decision", new { outcome = "approved", rationale = "x" }));

        Assert.Equal(HttpStatusCode.Conflict, onDraft.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, onIneligible.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, onWithdrawn.StatusCode);
        Assert.Equal("Ineligible", await StatusOf(unregistered, ineligibleId));
        Assert.Equal("Withdrawn", await StatusOf(leaving, withdrawnId));
        using var ranking = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Get, $"/api/rounds/{setup.RoundId}/ranking"));
        Assert.Equal("0.00", (await ApplicationSetup.Json(ranking)).GetProperty("approved").GetProperty("amount").GetString());
        Assert.True((await ApplicationSetup.Json(tooMuch)).GetProperty("errors").TryGetProperty("approvedAmount.amount", out _));
        Assert.True((await ApplicationSetup.Json(noAmount)).GetProperty("errors").TryGetProperty("approvedAmount", out _));
        Assert.Equal(HttpStatusCode.Forbidden, byApplicant.StatusCode);
    }

    private async Task<int> DecisionMails(string email) =>
        (await SignIn.MailsToAsync(Client, email)).Count(m => m.GetProperty("subject").GetString() is { } s
            && (s.StartsWith("Grant approved", StringComparison.Ordinal) || s.StartsWith("Decision on your application", StringComparison.Ordinal)));

    private async Task<string?> StatusOf(Session ngo, string id)
    {
        using var response = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/applications/{id}"));
        return (await ApplicationSetup.Json(response)).GetProperty("status").GetString();
    }
}
