using System.Net;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Applications;

/// <summary>From draft to screened, through the LocalRunner, its queues and the captured mail.</summary>
[Collection(RunnerCollection.Name)]
public sealed class SubmissionTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task Submit_CompleteDraft_IsScreenedEligibleAndAcknowledgedOnceEach()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var id = await setup.ReadyAsync(ngo);
        var email = await EmailOf(ngo);

        using var submitted = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));
        using var again = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var reference = (await ApplicationSetup.Json(submitted)).GetProperty("reference").GetString();
        Assert.Equal(reference, (await ApplicationSetup.Json(again)).GetProperty("reference").GetString());
        await Eventually.WaitFor(() => StatusOf(ngo, id), s => s == "Eligible", "screening");
        var mails = await Eventually.WaitFor(() => SignIn.MailsToAsync(Client, email), m => m.Length >= 3, "acknowledgement and screening mails");
        await runner.QueuesDrainedAsync(); // any duplicate has arrived by now
        mails = await SignIn.MailsToAsync(Client, email);
        Assert.Single(mails, m => m.GetProperty("subject").GetString() == $"Application received: {reference}");
        Assert.Single(mails, m => m.GetProperty("subject").GetString() == $"Eligible for review: {reference}");
    }

    [Fact]
    public async Task Submit_WithANoToAnEligibilityQuestion_IsIneligibleWithTheReason()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var id = await setup.ReadyAsync(ngo, registered: false);

        using var submitted = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));

        await Eventually.WaitFor(() => StatusOf(ngo, id), s => s == "Ineligible", "screening");
        using var read = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/applications/{id}"));
        var reason = Assert.Single((await ApplicationSetup.Json(read)).GetProperty("screeningReasons").EnumerateArray());
        Assert.Contains("registered", reason.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_IncompleteDraft_Gets400ListingWhatIsMissingAndStaysDraft()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var (id, _) = await setup.DraftAsync(ngo);

        using var response = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApplicationSetup.Json(response)).GetProperty("errors");
        foreach (var field in new[] { "title", "summary", "requestedAmount", "durationMonths", "countries", "documents.budget", "eligibilityAnswers.registered" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        Assert.Equal("Draft", await StatusOf(ngo, id));
    }

    [Fact]
    public async Task Submit_BudgetNotAddingUpToTheRequest_Gets400OnBudgetLines()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var (id, etag) = await setup.DraftAsync(ngo);
        var draft = ApplicationSetup.CompleteDraft();
        draft["requestedAmount"]!["amount"] = "50000.00";
        using var saved = await setup.SaveAsync(ngo, id, etag, draft);
        using var uploaded = await setup.UploadAsync(ngo, id, "budget", ApplicationSetup.Pdf);

        using var response = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ApplicationSetup.Json(response)).GetProperty("errors").TryGetProperty("budgetLines", out _));
    }

    [Fact]
    public async Task Submit_AfterTheDeadline_Gets409NamingItInTheRoundsTimeZone()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync(), closesIn: TimeSpan.FromMinutes(10), clock: runner.Clock);
        var ngo = await setup.NgoAsync();
        var id = await setup.ReadyAsync(ngo);
        runner.Clock.StepPast(setup.ClosesAt);

        using var response = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("America/Mexico_City", (await ApplicationSetup.Json(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Draft", await StatusOf(ngo, id));
    }

    [Fact]
    public async Task Update_AfterSubmission_Gets409AndChangesNothing()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var id = await setup.ReadyAsync(ngo);
        using var submitted = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));
        using var read = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/applications/{id}"));
        var changed = ApplicationSetup.CompleteDraft();
        changed["title"] = "Changed after submission";

        using var response = await setup.SaveAsync(ngo, id, read.Headers.ETag!.ToString(), changed);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var after = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/applications/{id}"));
        Assert.Equal("Safe houses in Tijuana", (await ApplicationSetup.Json(after)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Withdraw_SubmittedApplication_IsWithdrawnAndCannotBeSubmittedAgain()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var (id, _) = await setup.DraftAsync(ngo);

        using var withdrawn = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/withdraw"));
        using var submit = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, submit.StatusCode);
        Assert.Equal("Withdrawn", await StatusOf(ngo, id));
    }

    private async Task<string?> StatusOf(Session ngo, string id)
    {
        using var response = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/applications/{id}"));
        return (await ApplicationSetup.Json(response)).GetProperty("status").GetString();
    }

    private async Task<string> EmailOf(Session ngo)
    {
        using var response = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, "/api/me"));
        return (await ApplicationSetup.Json(response)).GetProperty("email").GetString()!;
    }
}
