using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// A closed round whose applications are submitted and eligible, made through the API: the set-up the
/// review and ranking pages start from, not what they test. NGOs sign in before the round exists, so
/// it can close a few seconds after it opens and the tests wait for the deadline as little as they can.
/// </summary>
internal sealed class ReviewRound
{
    public const string Relevance = "Relevance";
    public const string Capacity = "Capacity";

    private ReviewRound(RunnerFixture runner, Session secretariat, string id, string title, IReadOnlyList<Applicant> applicants)
    {
        Runner = runner;
        Secretariat = secretariat;
        Id = id;
        Title = title;
        Applicants = applicants;
    }

    public RunnerFixture Runner { get; }

    public Session Secretariat { get; }

    public string Id { get; }

    public string Title { get; }

    public IReadOnlyList<Applicant> Applicants { get; }

    private HttpClient Client => Runner.Client;

    /// <summary>One application per title, each asking USD 45,000.00, in a round with two criteria (Relevance 0–10, weight 3; Capacity 0–5, weight 2).</summary>
    public static async Task<ReviewRound> ClosedAsync(RunnerFixture runner, string envelope, bool blind, params string[] titles)
    {
        var secretariat = await runner.SecretariatAsync();
        var ngos = await Task.WhenAll(titles.Select(_ => NgoAsync(runner.Client)));

        // The applications go in before the deadline; then the runner's clock steps past it for the browser work.
        var now = runner.Clock.GetUtcNow();
        var closesAt = now.AddMinutes(10);
        var (roundId, roundTitle) = await CreateAsync(runner.Client, secretariat, envelope, blind, now, closesAt);
        var applicants = await Task.WhenAll(titles.Select((title, i) => SubmitAsync(runner.Client, roundId, ngos[i], title)));
        var round = new ReviewRound(runner, secretariat, roundId, roundTitle, applicants);
        await Eventually.WaitFor(round.EligibleCountAsync, n => n == titles.Length, "screening", TimeSpan.FromSeconds(30));
        runner.Clock.StepPast(closesAt);
        await Eventually.WaitFor(round.StatusAsync, s => s == "Closed", "the round to close", TimeSpan.FromSeconds(30));
        return round;
    }

    /// <summary>Puts a reviewer on the panel through the API; they take the Reviewer role at their next sign-in.</summary>
    public async Task<string> AddReviewerAsync()
    {
        var email = PortalWork.NewAddress("reviewer");
        using var added = await Client.SendAsync(Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{Id}/reviewers", new { email }));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return email;
    }

    public async Task<JsonElement> AutoAssignAsync()
    {
        using var run = await Client.SendAsync(Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{Id}/assignments/auto"));
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        return await ApplicationSetup.Json(run);
    }

    /// <summary>Sets when reviews fall due through the API, under the round's ETag as the portal does.</summary>
    public async Task SetReviewDueAsync(DateTimeOffset due)
    {
        using var read = await Client.GetAsync(new Uri($"/api/rounds/{Id}", UriKind.Relative));
        using var request = Secretariat.Bearer(HttpMethod.Put, $"/api/rounds/{Id}/review-due-date", new { reviewDueAt = due });
        request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        using var set = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
    }

    /// <summary>Saves and submits a review through the API, for tests whose subject is the ranking rather than the review.</summary>
    public async Task ReviewAsync(Session reviewer, string applicationId, int relevance, int capacity)
    {
        var assignment = await SaveDraftAsync(reviewer, applicationId, relevance, capacity);
        using var submitted = await Client.SendAsync(reviewer.Bearer(HttpMethod.Post, $"/api/assignments/{assignment}/review/submit"));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
    }

    /// <summary>Saves a draft review through the API and answers its assignment's id.</summary>
    public async Task<string> SaveDraftAsync(Session reviewer, string applicationId, int relevance, int capacity)
    {
        using var mine = await Client.SendAsync(reviewer.Bearer(HttpMethod.Get, "/api/assignments"));
        var assignment = (await ApplicationSetup.Json(mine)).EnumerateArray().Single(a => a.GetProperty("applicationId").GetString() == applicationId).GetProperty("id").GetString()!;
        var scores = new Dictionary<string, int> { ["relevance"] = relevance, ["capacity"] = capacity };
        using var saved = await Client.SendAsync(reviewer.Bearer(HttpMethod.Put, $"/api/assignments/{assignment}/review", new { scores, comments = "Reviewed.", recommendation = "maybe" }));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return assignment;
    }

    /// <summary>An NGO whose organisation's name is its own in this run, so a search by name finds it alone.</summary>
    private static async Task<Ngo> NgoAsync(HttpClient client)
    {
        var email = PortalWork.NewAddress("ngo");
        var name = $"Casa Segura {Guid.NewGuid().ToString("N")[..8]}";
        var session = await SignIn.AsAsync(client, email);
        using var response = await client.SendAsync(session.Bearer(HttpMethod.Post, "/api/organisations",
            new { name, country = "MX", registrationNumber = "A-1", website = (string?)null, contactEmail = "info@casa.example.org" }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ApplicationSetup.Json(response);
        return new Ngo(new Session(body.GetProperty("session").GetProperty("token").GetString()!, string.Empty), email, name);
    }

    private static async Task<(string Id, string Title)> CreateAsync(HttpClient client, Session secretariat, string envelope, bool blind, DateTimeOffset now, DateTimeOffset closesAt)
    {
        using var fund = await client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/funds", new { name = "Review Trust Fund", currency = "USD" }));
        var fundId = (await ApplicationSetup.Json(fund)).GetProperty("id").GetString();
        var title = $"Review call {Guid.NewGuid().ToString("N")[..8]}";
        var round = JsonNode.Parse($$"""
            {
              "title": "{{title}}", "description": "d",
              "opensAt": "{{now.AddMinutes(-1):O}}", "closesAt": "{{closesAt:O}}",
              "timeZone": "America/Mexico_City",
              "envelope": { "amount": "{{envelope}}", "currency": "USD" },
              "minGrant": { "amount": "20000.00", "currency": "USD" },
              "maxGrant": { "amount": "60000.00", "currency": "USD" },
              "maxDurationMonths": 24,
              "eligibility": [ { "id": "registered", "question": "Is the organisation registered?", "requiredAnswer": true } ],
              "criteria": [
                { "id": "relevance", "title": "{{Relevance}}", "description": "How well the project meets survivors' needs.", "weight": 3, "maxScore": 10 },
                { "id": "capacity", "title": "{{Capacity}}", "description": null, "weight": 2, "maxScore": 5, "levels": [ { "score": 0, "description": "No team or partners in place" }, { "score": 5, "description": "An experienced team with partners named" } ] }
              ],
              "requiredDocuments": [ { "type": "budget", "title": "Budget", "maxBytes": 1024, "contentTypes": ["application/pdf"] } ],
              "reviewersPerApplication": 2, "blindReview": {{(blind ? "true" : "false")}}
            }
            """);
        using var created = await client.SendAsync(secretariat.Bearer(HttpMethod.Post, $"/api/funds/{fundId}/rounds", round));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return ((await ApplicationSetup.Json(created)).GetProperty("id").GetString()!, title);
    }

    private static async Task<Applicant> SubmitAsync(HttpClient client, string roundId, Ngo ngo, string title)
    {
        using var created = await client.SendAsync(ngo.Session.Bearer(HttpMethod.Post, $"/api/rounds/{roundId}/applications"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await ApplicationSetup.Json(created)).GetProperty("id").GetString()!;
        var draft = ApplicationSetup.CompleteDraft();
        draft["title"] = title;
        using (var save = ngo.Session.Bearer(HttpMethod.Put, $"/api/applications/{id}", draft))
        {
            save.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
            using var saved = await client.SendAsync(save);
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        using (var upload = ngo.Session.Bearer(HttpMethod.Put, $"/api/applications/{id}/documents/budget"))
        {
            upload.Content = new ByteArrayContent(PortalWork.Pdf);
            upload.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            upload.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "budget.pdf" };
            using var uploaded = await client.SendAsync(upload);
            Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        }

        using var submitted = await client.SendAsync(ngo.Session.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        return new Applicant(id, title, ngo.Email, ngo.OrganisationName);
    }

    private async Task<int> EligibleCountAsync()
    {
        using var response = await Client.SendAsync(Secretariat.Bearer(HttpMethod.Get, $"/api/applications?roundId={Id}&status=Eligible"));
        return (await ApplicationSetup.Json(response)).GetProperty("items").GetArrayLength();
    }

    private async Task<string?> StatusAsync()
    {
        using var response = await Client.GetAsync(new Uri($"/api/rounds/{Id}", UriKind.Relative));
        return (await ApplicationSetup.Json(response)).GetProperty("status").GetString();
    }
}

internal sealed record Applicant(string Id, string Title, string Email, string OrganisationName);

internal sealed record Ngo(Session Session, string Email, string OrganisationName);
