namespace TrustFundGrants.Domain;

/// <summary>A reviewer's submitted scores per criterion id.</summary>
public sealed record SubmittedReview(string ReviewerId, IReadOnlyDictionary<string, int> Scores);

/// <summary>One review's weighted score on the 0–100 scale, to the hundredth.</summary>
public sealed record ReviewScore(string ReviewerId, decimal Score);

/// <summary>
/// What the ranking shows for one application. With no submitted review there is no mean, lowest or
/// highest, rather than a 0 that would read as the worst possible score.
/// </summary>
/// <param name="Reviews">Submitted reviews' scores, ordered by reviewer id.</param>
/// <param name="Spread">Highest minus lowest; 0 with fewer than two reviews.</param>
/// <param name="StandardDeviation">Population standard deviation: the reviews are all there is, not a sample of reviewers.</param>
/// <param name="StrongDisagreement">The spread reached the threshold, so the panel should talk before ranking it.</param>
/// <param name="MissingReviews">Fewer reviews submitted than the round requires, so the mean may still move.</param>
public sealed record ApplicationScore(
    IReadOnlyList<ReviewScore> Reviews,
    int RequiredReviews,
    decimal? Mean,
    decimal? Lowest,
    decimal? Highest,
    decimal Spread,
    decimal StandardDeviation,
    bool StrongDisagreement,
    bool MissingReviews);
