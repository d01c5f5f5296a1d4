using CsCheck;

namespace TrustFundGrants.Domain.Tests;

public class ScoreAggregationPropertyTests
{
    private static readonly IReadOnlyList<ReviewScore> NoReviews = [];

    [Fact]
    public void Normalise_AnyScores_IsFromZeroToHundred()
    {
        ScoringCase.AtLeastOneReview.Sample(c =>
        {
            Assert.All(c.Submitted, r => Assert.InRange(ScoreAggregation.Normalise(c.Rubric, r.Scores), 0m, 100m));
        }, iter: 1_000);
    }

    [Fact]
    public void Normalise_EveryCriterionAtMaximum_IsHundred()
    {
        ScoringCase.AnyCriteria.Sample(criteria =>
        {
            var scores = criteria.ToDictionary(c => c.Id, c => c.MaxScore);

            Assert.Equal(100m, ScoreAggregation.Normalise(new Rubric(criteria), scores));
        });
    }

    [Fact]
    public void Normalise_EveryCriterionAtZero_IsZero()
    {
        ScoringCase.AnyCriteria.Sample(criteria =>
        {
            var scores = criteria.ToDictionary(c => c.Id, _ => 0);

            Assert.Equal(0m, ScoreAggregation.Normalise(new Rubric(criteria), scores));
        });
    }

    [Fact]
    public void Normalise_OneScoreRaised_NeverLowersTheResult()
    {
        (from c in ScoringCase.AtLeastOneReview
         from index in Gen.Int[0, c.Criteria.Length - 1]
         select (c, index))
        .Sample((c, index) =>
        {
            var scores = c.Reviews[0];
            var raised = scores.SetItem(index, Math.Min(scores[index] + 1, c.Criteria[index].MaxScore));

            Assert.True(
                ScoreAggregation.Normalise(c.Rubric, ScoringCase.ToScores(c.Criteria, raised))
                >= ScoreAggregation.Normalise(c.Rubric, ScoringCase.ToScores(c.Criteria, scores)));
        });
    }

    [Fact]
    public void Aggregate_AnyReviews_MeanIsWithinLowestAndHighest()
    {
        ScoringCase.AtLeastOneReview.Sample(c =>
        {
            var result = ScoreAggregation.Aggregate(c.Rubric, c.Submitted, requiredReviews: 2);

            Assert.InRange(result.Mean!.Value, result.Lowest!.Value, result.Highest!.Value);
            Assert.Equal(result.Reviews.Min(r => r.Score), result.Lowest);
            Assert.Equal(result.Reviews.Max(r => r.Score), result.Highest);
        }, iter: 1_000);
    }

    [Fact]
    public void Aggregate_AnyReviews_SpreadAndFlagsFollowTheirDefinitions()
    {
        Gen.Select(ScoringCase.Any, Gen.Int[1, 5], Gen.Int[1, 60]).Sample((c, required, threshold) =>
        {
            var result = ScoreAggregation.Aggregate(c.Rubric, c.Submitted, required, threshold);

            Assert.Equal((result.Highest ?? 0m) - (result.Lowest ?? 0m), result.Spread);
            Assert.Equal(result.Spread >= threshold, result.StrongDisagreement);
            Assert.Equal(c.Reviews.Length < required, result.MissingReviews);
            Assert.InRange(result.StandardDeviation, 0m, result.Spread);
        }, iter: 1_000);
    }

    [Fact]
    public void Aggregate_ReviewsInAnyOrder_SameResult()
    {
        Gen.Select(ScoringCase.Any, Gen.Int).Sample((c, seed) =>
        {
            var shuffled = c.Submitted.ToArray();
            new Random(seed).Shuffle(shuffled);

            var expected = ScoreAggregation.Aggregate(c.Rubric, c.Submitted, requiredReviews: 3);
            var actual = ScoreAggregation.Aggregate(c.Rubric, shuffled, requiredReviews: 3);

            Assert.Equal(expected.Reviews, actual.Reviews);
            Assert.Equal(expected with { Reviews = NoReviews }, actual with { Reviews = NoReviews });
        }, iter: 1_000);
    }

    [Fact]
    public void Aggregate_WeightsScaledByAConstant_SameResult()
    {
        Gen.Select(ScoringCase.Any, Gen.Int[2, 1_000]).Sample((c, factor) =>
        {
            var scaled = c with { Criteria = [.. c.Criteria.Select(k => k with { Weight = k.Weight * factor })] };

            var expected = ScoreAggregation.Aggregate(c.Rubric, c.Submitted, requiredReviews: 3);
            var actual = ScoreAggregation.Aggregate(scaled.Rubric, scaled.Submitted, requiredReviews: 3);

            Assert.Equal(expected.Reviews, actual.Reviews);
            Assert.Equal(expected with { Reviews = NoReviews }, actual with { Reviews = NoReviews });
        }, iter: 1_000);
    }
}
