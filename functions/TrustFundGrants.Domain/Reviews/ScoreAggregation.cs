using System.Numerics;

namespace TrustFundGrants.Domain;

/// <summary>
/// Turns reviews into the numbers the ranking shows. Each review's score is the exact weighted fraction
/// Σ weight·score/maxScore ÷ Σ weight × 100, rounded once to the hundredth (half away from zero); the
/// mean and spread are then computed from those shown scores in whole hundredths. So the ranking can be
/// checked by hand from the table, and neither the order of reviews nor a common factor in the weights
/// can move a result by a rounding step.
/// </summary>
public static class ScoreAggregation
{
    public const decimal DefaultDisagreementThreshold = 25m;

    public static decimal Normalise(Rubric rubric, IReadOnlyDictionary<string, int> scores) =>
        FromHundredths(Hundredths(rubric, scores));

    public static ApplicationScore Aggregate(
        Rubric rubric,
        IEnumerable<SubmittedReview> reviews,
        int requiredReviews,
        decimal disagreementThreshold = DefaultDisagreementThreshold)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(reviews);
        ArgumentOutOfRangeException.ThrowIfNegative(requiredReviews);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(disagreementThreshold);

        var scored = reviews
            .Select(r => r is { ReviewerId.Length: > 0, Scores: not null }
                ? (r.ReviewerId, Hundredths: Hundredths(rubric, r.Scores))
                : throw new ArgumentException("Every review needs a reviewer id and scores.", nameof(reviews)))
            .OrderBy(r => r.ReviewerId, StringComparer.Ordinal)
            .ToArray();
        for (var i = 1; i < scored.Length; i++)
        {
            if (string.Equals(scored[i].ReviewerId, scored[i - 1].ReviewerId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Reviewer '{scored[i].ReviewerId}' has more than one review.", nameof(reviews));
            }
        }

        var count = scored.Length;
        var missing = count < requiredReviews;
        if (count == 0)
        {
            return new ApplicationScore([], requiredReviews, null, null, null, 0m, 0m, false, missing);
        }

        long sum = 0, sumOfSquares = 0, lowest = long.MaxValue, highest = long.MinValue;
        foreach (var (_, h) in scored)
        {
            sum += h;
            sumOfSquares += h * h;
            lowest = Math.Min(lowest, h);
            highest = Math.Max(highest, h);
        }

        // n² × the population variance is n·Σx² − (Σx)², a whole number of squared hundredths, so the
        // square root is always taken of the same exact value, whatever order the reviews came in.
        var scaledVariance = (count * sumOfSquares) - (sum * sum);
        var deviation = (long)Math.Round(Math.Sqrt(scaledVariance) / count, MidpointRounding.AwayFromZero);
        var spread = FromHundredths(highest - lowest);
        return new ApplicationScore(
            [.. scored.Select(r => new ReviewScore(r.ReviewerId, FromHundredths(r.Hundredths)))],
            requiredReviews,
            FromHundredths(RoundedQuotient(sum, count)),
            FromHundredths(lowest),
            FromHundredths(highest),
            spread,
            FromHundredths(deviation),
            spread >= disagreementThreshold,
            missing);
    }

    private static long Hundredths(Rubric rubric, IReadOnlyDictionary<string, int> scores)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(scores);
        var errors = ScoreValidation.ValidateSubmission(rubric, scores);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Scores do not fit the rubric: {errors[0].Field}: {errors[0].Message}", nameof(scores));
        }

        // Over the common denominator every criterion's score/maxScore is a whole number, so the sum is exact.
        var common = rubric.CommonMaxScore;
        var points = rubric.Criteria.Aggregate(
            BigInteger.Zero,
            (total, c) => total + ((BigInteger)c.Weight * scores[c.Id] * (common / c.MaxScore)));
        var denominator = common * rubric.TotalWeight;

        // 10,000 × points / denominator is the score in hundredths; adding half the denominator before the
        // integer division rounds half up, which for values that are never negative is half away from zero.
        return (long)(((20_000 * points) + denominator) / (2 * denominator));
    }

    private static long RoundedQuotient(long dividend, int divisor) => ((2 * dividend) + divisor) / (2L * divisor);

    // Multiplying by 0.01m gives the decimal a scale of 2, so 72.5 travels as "72.50" like every other score.
    private static decimal FromHundredths(long hundredths) => hundredths * 0.01m;
}
