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
/// The Secretariat's ranking of a round: each reviewed application's weighted score (0–100), mean and
/// spread across reviewers, flags for strong disagreement and missing reviews, in score order with the
/// cumulative request against the envelope, so the panel sees where the money runs out, and each
/// application's decision so far. Two partition reads, whatever the round's size, of only the columns
/// the ranking uses: reviewers' comments and applications' narratives would be most of the bytes.
/// </summary>
public sealed class GetRanking(Access access, RoundStore rounds, ApplicationStore applications, ReviewStores stores)
{
    [Function(nameof(GetRanking))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rounds/{roundId}/ranking")] HttpRequest request,
        string roundId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        if (await rounds.FindAsync(roundId, cancellationToken) is not { } round)
        {
            return Problems.NotFound();
        }

        var currency = CurrencyCode.Parse(round.Currency);
        var rubric = ReviewRequest.RubricOf(round);
        var reviews = new List<AssignmentEntity>();
        var reviewFilter = TableClient.CreateQueryFilter($"PartitionKey eq {roundId} and ReviewStatus eq {ReviewStatuses.Submitted} and Recused eq {false}");
        await foreach (var review in stores.Assignments.QueryAsync<AssignmentEntity>(reviewFilter, select: ReviewColumns, cancellationToken: cancellationToken))
        {
            reviews.Add(review);
        }

        var submitted = reviews.ToLookup(a => a.ApplicationId, StringComparer.Ordinal);

        // Decided applications stay in the ranking after release, so the table reads the same before and after.
        var candidates = new Dictionary<string, ApplicationEntity>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {roundId} and (Status eq {ApplicationStatus.Eligible} or Status eq {ApplicationStatus.Approved} or Status eq {ApplicationStatus.Rejected} or Status eq {ApplicationStatus.Waitlisted})");
        await foreach (var application in applications.Client.QueryAsync<ApplicationEntity>(filter, select: ApplicationColumns, cancellationToken: cancellationToken))
        {
            candidates[application.RowKey] = application;
        }

        var scores = candidates.Values.ToDictionary(
            a => a.RowKey,
            a => ScoreAggregation.Aggregate(
                rubric,
                submitted[a.RowKey].Select(r => new SubmittedReview(r.ReviewerId, JsonSerializer.Deserialize<Dictionary<string, int>>(r.ScoresJson)!)),
                round.ReviewersPerApplication),
            StringComparer.Ordinal);
        var envelope = new Money(round.EnvelopeMinor, currency);
        var ranked = FundingLine.Draw(
            scores.Where(s => s.Value.Mean is not null)
                .Select(s => new RankingEntry(s.Key, s.Value.Mean!.Value, new Money(candidates[s.Key].RequestedMinor ?? 0, currency))),
            envelope);

        var rows = ranked.Select(r => Row(candidates[r.ApplicationId], scores[r.ApplicationId], r)).ToList();
        var unscored = scores.Where(s => s.Value.Mean is null).OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => Row(candidates[s.Key], s.Value, null)).ToArray();
        var approved = new Money(candidates.Values.Where(a => a.DecisionOutcome == "approved").Sum(a => a.ApprovedMinor ?? 0), currency);
        return TypedResults.Ok(new RankingView(roundId, AmountJson.From(envelope), AmountJson.From(approved), AmountJson.From(envelope - approved), rows, unscored));
    }

    private static readonly string[] ReviewColumns = ["ApplicationId", "ReviewerId", "Recused", "ReviewStatus", "ScoresJson"];

    private static readonly string[] ApplicationColumns =
        ["RowKey", "Reference", "Title", "RequestedMinor", "Currency", "Status", "DecisionOutcome", "ApprovedMinor", "DecisionReleased"];

    private static RankingRow Row(ApplicationEntity application, ApplicationScore score, RankedApplication? ranked) => new(
        ranked?.Position,
        application.RowKey,
        application.Reference,
        application.Title,
        AmountJson.From(new Money(application.RequestedMinor ?? 0, CurrencyCode.Parse(application.Currency))),
        score.Mean,
        score.Lowest,
        score.Highest,
        score.Spread,
        score.StandardDeviation,
        score.Reviews.Count,
        score.RequiredReviews,
        score.StrongDisagreement,
        score.MissingReviews,
        ranked is null ? null : AmountJson.From(ranked.Cumulative),
        ranked?.WithinEnvelope ?? false,
        application.DecisionOutcome is { Length: > 0 } outcome
            ? new RankingDecision(
                outcome,
                application.ApprovedMinor is { } minor ? AmountJson.From(new Money(minor, CurrencyCode.Parse(application.Currency))) : null,
                application.DecisionReleased)
            : null);
}

/// <summary>The ranking, with what is approved so far and what remains of the envelope.</summary>
public sealed record RankingView(string RoundId, AmountJson Envelope, AmountJson Approved, AmountJson Remaining, IReadOnlyList<RankingRow> Ranked, IReadOnlyList<RankingRow> Unscored);

/// <summary>An application's decision as recorded: held from the applicant until <c>Released</c>.</summary>
public sealed record RankingDecision(string Outcome, AmountJson? ApprovedAmount, bool Released);

/// <summary>One application in the ranking; reviewers are counted, never named.</summary>
public sealed record RankingRow(
    int? Position,
    string ApplicationId,
    string? Reference,
    string Title,
    AmountJson Requested,
    decimal? Mean,
    decimal? Lowest,
    decimal? Highest,
    decimal Spread,
    decimal StandardDeviation,
    int Reviews,
    int RequiredReviews,
    bool StrongDisagreement,
    bool MissingReviews,
    AmountJson? Cumulative,
    bool WithinEnvelope,
    RankingDecision? Decision);
