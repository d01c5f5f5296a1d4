using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Reviews.Reminders;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Reviews;

/// <summary>Reviewers with unfinished reviews are reminded before the due date, at most once a day, and the finished ones not at all.</summary>
[Collection(ReviewsCollection.Name)]
public sealed class ReminderTests(RunnerFixture runner)
{
    private const string Subject = "Reminder: ";

    private HttpClient Client => runner.Client;

    [Fact]
    public async Task Reminders_GoOncePerDayToReviewersWithUnfinishedReviews()
    {
        var round = await ClosedRound.CreateAsync(runner, applications: 2, reviewers: 2);
        using var auto = await Client.SendAsync(round.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{round.RoundId}/assignments/auto"));
        Assert.Equal(HttpStatusCode.OK, auto.StatusCode);
        var (busy, done) = (round.Reviewers[0], round.Reviewers[1]);
        foreach (var assignment in await ClosedRound.AssignmentsOfAsync(Client, done.Session))
        {
            var id = assignment.GetProperty("id").GetString();
            using var saved = await Client.SendAsync(done.Session.Bearer(HttpMethod.Put, $"/api/assignments/{id}/review", new { scores = new Dictionary<string, int> { ["relevance"] = 7 }, comments = "Fine.", recommendation = "fund" }));
            using var submitted = await Client.SendAsync(done.Session.Bearer(HttpMethod.Post, $"/api/assignments/{id}/review/submit"));
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        await SetDueAsync(round, DateTimeOffset.UtcNow.AddDays(2));
        var remind = ActivatorUtilities.CreateInstance<RemindReviewers>(runner.App.Services);

        await remind.Run(null!, CancellationToken.None);
        await remind.Run(null!, CancellationToken.None);

        var mail = await Eventually.WaitFor(() => RemindersTo(busy.Email), m => m.Length == 1, "the busy reviewer's reminder");
        await runner.QueuesDrainedAsync();
        Assert.Single(await RemindersTo(busy.Email));
        Assert.Empty(await RemindersTo(done.Email));
        var text = mail[0].GetProperty("text").GetString()!;
        Assert.Contains("(2)", mail[0].GetProperty("subject").GetString()!, StringComparison.Ordinal);
        Assert.Contains("/review/assignments.html", text, StringComparison.Ordinal);
        Assert.Contains("(America/Mexico_City)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewDueDate_BeforeClosingOrWithoutIfMatch_IsRefusedAndChangesNothing()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        using var round = await Client.GetAsync(new Uri($"/api/rounds/{setup.RoundId}", UriKind.Relative));
        var etag = round.Headers.ETag!.ToString();
        var closesAt = (await ApplicationSetup.Json(round)).GetProperty("closesAt").GetDateTimeOffset();

        using var early = await Client.SendAsync(WithIfMatch(setup.Secretariat.Bearer(HttpMethod.Put, $"/api/rounds/{setup.RoundId}/review-due-date", new { reviewDueAt = closesAt.AddHours(-1) }), etag));
        using var noIfMatch = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Put, $"/api/rounds/{setup.RoundId}/review-due-date", new { reviewDueAt = closesAt.AddDays(14) }));
        using var wrongType = await Client.SendAsync(WithIfMatch(setup.Secretariat.Bearer(HttpMethod.Put, $"/api/rounds/{setup.RoundId}/review-due-date", new { reviewDueAt = "next week" }), etag));
        using var set = await Client.SendAsync(WithIfMatch(setup.Secretariat.Bearer(HttpMethod.Put, $"/api/rounds/{setup.RoundId}/review-due-date", new { reviewDueAt = closesAt.AddDays(14) }), etag));
        using var stale = await Client.SendAsync(WithIfMatch(setup.Secretariat.Bearer(HttpMethod.Put, $"/api/rounds/{setup.RoundId}/review-due-date", new { reviewDueAt = closesAt.AddDays(20) }), etag));

        Assert.True((await ApplicationSetup.Json(early)).GetProperty("errors").TryGetProperty("reviewDueAt", out _));
        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var after = await Client.GetAsync(new Uri($"/api/rounds/{setup.RoundId}", UriKind.Relative));
        Assert.Equal(closesAt.AddDays(14), (await ApplicationSetup.Json(after)).GetProperty("reviewDueAt").GetDateTimeOffset());
    }

    private async Task SetDueAsync(ClosedRound round, DateTimeOffset due)
    {
        using var current = await Client.GetAsync(new Uri($"/api/rounds/{round.RoundId}", UriKind.Relative));
        using var set = await Client.SendAsync(WithIfMatch(round.Secretariat.Bearer(HttpMethod.Put, $"/api/rounds/{round.RoundId}/review-due-date", new { reviewDueAt = due }), current.Headers.ETag!.ToString()));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
    }

    private static HttpRequestMessage WithIfMatch(HttpRequestMessage request, string etag)
    {
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    private async Task<JsonElement[]> RemindersTo(string email) =>
        (await SignIn.MailsToAsync(Client, email)).Where(m => m.GetProperty("subject").GetString()!.StartsWith(Subject, StringComparison.Ordinal)).ToArray();
}
