using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// Every review of one application as the Secretariat decides from it: each submitted review's scores
/// per criterion, weighted score, comments, recommendation and recommended amount, with the spread and
/// the ranking's flags; reviews not submitted are listed by their progress only. For the Secretariat
/// alone, named even in blind rounds (blindness protects applicants from reviewers, not from the fund);
/// nothing here reaches applicants. Reads one range of the round's assignment partition and its panel.
/// </summary>
public sealed class GetReviewSummary(Access access, RoundStore rounds, ApplicationStore applications, ReviewStores stores)
{
    [Function(nameof(GetReviewSummary))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rounds/{roundId}/applications/{applicationId}/reviews")] HttpRequest request,
        string roundId,
        string applicationId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        if (!Guid.TryParse(roundId, out _) || !Guid.TryParse(applicationId, out _)
            || await rounds.FindAsync(roundId, cancellationToken) is not { } round
            || await applications.FindAsync(applicationId, cancellationToken) is not { } application
            || application.PartitionKey != roundId)
        {
            return Problems.NotFound();
        }

        var assignments = await AssignmentsAsync(roundId, applicationId, cancellationToken);
        var emails = await PanelAsync(roundId, cancellationToken);
        var rubric = ReviewRequest.RubricOf(round);
        var submitted = assignments.Where(a => a.ReviewStatus == ReviewStatuses.Submitted && !a.Recused).ToArray();
        var score = ScoreAggregation.Aggregate(
            rubric, submitted.Select(a => new SubmittedReview(a.ReviewerId, ScoresOf(a))), round.ReviewersPerApplication);
        var currency = CurrencyCode.Parse(application.Currency);
        var reviews = assignments
            .OrderBy(a => a.ReviewSubmittedAt ?? DateTimeOffset.MaxValue).ThenBy(a => a.AssignedAt)
            .Select(a => Item(a, emails, score, currency))
            .ToArray();
        return TypedResults.Ok(new ReviewSummaryView(
            applicationId,
            application.Title,
            application.Reference,
            AmountJson.From(new Money(application.RequestedMinor ?? 0, currency)),
            round.Criteria().Select(c => new ReviewCriterion(c.Id, c.Title, c.Weight, c.MaxScore)).ToArray(),
            reviews,
            score.RequiredReviews,
            score.Mean,
            score.Lowest,
            score.Highest,
            score.Spread,
            score.StrongDisagreement,
            score.MissingReviews));
    }

    private async Task<List<AssignmentEntity>> AssignmentsAsync(string roundId, string applicationId, CancellationToken cancellationToken)
    {
        // RowKeys are "{applicationId}|{reviewerId}": '}' follows '|', so this range is exactly one application's rows.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {roundId} and RowKey gt {applicationId + "|"} and RowKey lt {applicationId + "}"}");
        var found = new List<AssignmentEntity>();
        await foreach (var assignment in stores.Assignments.QueryAsync<AssignmentEntity>(filter, cancellationToken: cancellationToken))
        {
            if (!assignment.Removed)
            {
                found.Add(assignment);
            }
        }

        return found;
    }

    private async Task<Dictionary<string, string>> PanelAsync(string roundId, CancellationToken cancellationToken)
    {
        var emails = new Dictionary<string, string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {roundId}");
        await foreach (var reviewer in stores.Reviewers.QueryAsync<ReviewerEntity>(filter, select: ["RowKey", "Email"], cancellationToken: cancellationToken))
        {
            emails[reviewer.RowKey] = reviewer.Email;
        }

        return emails;
    }

    private static Dictionary<string, int> ScoresOf(AssignmentEntity assignment) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(assignment.ScoresJson) ?? [];

    private static ReviewSummaryItem Item(AssignmentEntity a, Dictionary<string, string> emails, ApplicationScore score, CurrencyCode currency)
    {
        var email = emails.GetValueOrDefault(a.ReviewerId);
        if (a.Recused || a.ReviewStatus != ReviewStatuses.Submitted)
        {
            var status = a.Recused ? "Recused" : a.ReviewStatus.Length == 0 ? "NotStarted" : a.ReviewStatus;
            return new ReviewSummaryItem(a.ReviewerId, email, status, null, null, null, null, null, null);
        }

        return new ReviewSummaryItem(
            a.ReviewerId,
            email,
            ReviewStatuses.Submitted,
            a.ReviewSubmittedAt,
            ScoresOf(a),
            score.Reviews.FirstOrDefault(r => r.ReviewerId == a.ReviewerId)?.Score,
            a.Comments,
            a.Recommendation,
            a.RecommendedMinor is { } minor ? AmountJson.From(new Money(minor, currency)) : null);
    }
}

/// <summary>One application's reviews for the Secretariat, with the spread and the ranking's flags.</summary>
public sealed record ReviewSummaryView(
    string ApplicationId,
    string Title,
    string? Reference,
    AmountJson Requested,
    IReadOnlyList<ReviewCriterion> Criteria,
    IReadOnlyList<ReviewSummaryItem> Reviews,
    int RequiredReviews,
    decimal? Mean,
    decimal? Lowest,
    decimal? Highest,
    decimal Spread,
    bool StrongDisagreement,
    bool MissingReviews);

/// <summary>A criterion of the round's rubric, as the reviews were scored against it.</summary>
public sealed record ReviewCriterion(string Id, string Title, int Weight, int MaxScore);

/// <summary>One reviewer's review; only a submitted one carries its scores and words.</summary>
public sealed record ReviewSummaryItem(
    string ReviewerId,
    string? ReviewerEmail,
    string Status,
    DateTimeOffset? SubmittedAt,
    IReadOnlyDictionary<string, int>? Scores,
    decimal? Score,
    string? Comments,
    string? Recommendation,
    AmountJson? RecommendedAmount);
