using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// PUT saves the reviewer's draft; POST .../submit makes it final (every criterion scored, each within
/// its range). A submitted review no longer changes, so the ranking rests on what reviewers committed to.
/// </summary>
public sealed class SaveReview(Access access, ReviewStores stores, RoundStore rounds, ApplicationStore applications, AuditLog audit, TimeProvider time)
{
    [Function(nameof(SaveReview))]
    public Task<IResult> Save(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "assignments/{id}/review")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) => Write(request, id, final: false, cancellationToken);

    [Function("SubmitReview")]
    public Task<IResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "assignments/{id}/review/submit")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) => Write(request, id, final: true, cancellationToken);

    private async Task<IResult> Write(HttpRequest request, string id, bool final, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Reviewer);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var own = await stores.FindOwnAssignmentAsync(id, caller, cancellationToken);
        if (own is { Conflicted: true })
        {
            return Problems.Conflict("You are tied to the applicant organisation, so this review is withdrawn: your draft is kept but cannot be changed or submitted.");
        }

        if (own is not { Recused: false } assignment)
        {
            return Problems.NotFound();
        }

        if (assignment.ReviewStatus == ReviewStatuses.Submitted)
        {
            return Problems.Conflict("This review was submitted; it no longer changes.");
        }

        ReviewRequest? review;
        if (final)
        {
            review = new ReviewRequest(
                System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(assignment.ScoresJson),
                assignment.Comments,
                assignment.Recommendation,
                null);
        }
        else
        {
            var body = await RequestJson.ReadAsync<ReviewRequest>(request, cancellationToken);
            if (body.IsInvalid)
            {
                return body.Problem;
            }

            review = body.Value;
        }

        var round = await rounds.TermsAsync(assignment.PartitionKey, cancellationToken) ?? throw new InvalidOperationException($"Round {assignment.PartitionKey} does not exist.");
        var application = (await applications.Client.GetEntityAsync<ApplicationEntity>(assignment.PartitionKey, assignment.ApplicationId, cancellationToken: cancellationToken)).Value;
        var currency = CurrencyCode.Parse(round.Currency);
        var errors = new Dictionary<string, string[]>();
        review.Validate(ReviewRequest.RubricOf(round), currency, application.RequestedMinor, final, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors, final ? "The review is not complete yet; see errors." : null);
        }

        if (final)
        {
            assignment.ReviewStatus = ReviewStatuses.Submitted;
            assignment.ReviewSubmittedAt = time.GetUtcNow();
        }
        else
        {
            assignment.ReviewStatus = ReviewStatuses.Draft;
            assignment.ScoresJson = System.Text.Json.JsonSerializer.Serialize(review.Scores ?? new Dictionary<string, int>());
            assignment.Comments = review.Comments ?? string.Empty;
            assignment.Recommendation = review.Recommendation;
            assignment.RecommendedMinor = review.RecommendedAmount is { } amount && Money.TryParse(amount.Amount, currency, out var money, out _) ? money.MinorUnits : null;
        }

        // A draft is the reviewer's own work in progress; the submission is the change the record keeps.
        var save = new TableTransactionAction(TableTransactionActionType.UpdateReplace, assignment, assignment.ETag);
        try
        {
            if (final)
            {
                var entry = audit.Stage(assignment.PartitionKey, caller, "review.submitted", "application:" + assignment.ApplicationId, null, new { assignment.ReviewerId, assignment.Recommendation });
                await audit.CommitAsync(stores.Assignments, [save], entry, cancellationToken);
            }
            else
            {
                await stores.Assignments.SubmitTransactionAsync([save], cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return Problems.PreconditionFailed();
        }

        return TypedResults.Ok(ReviewView.Of(assignment, currency));
    }
}

/// <summary>A reviewer's own review as stored: the draft they left, or what they submitted.</summary>
public sealed record ReviewView(
    AssignmentView Assignment, IReadOnlyDictionary<string, int> Scores, string Comments, string Recommendation, AmountJson? RecommendedAmount)
{
    public static ReviewView Of(AssignmentEntity assignment, CurrencyCode currency)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return new(
            assignment.ToView(),
            System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(assignment.ScoresJson)!,
            assignment.Comments,
            assignment.Recommendation,
            assignment.RecommendedMinor is { } minor ? AmountJson.From(new Money(minor, currency)) : null);
    }
}
