using System.Globalization;

namespace TrustFundGrants.Domain.Tests;

public class ScoreAggregationTests
{
    private static readonly Rubric Rubric = new(
    [
        new RubricCriterion("relevance", Weight: 3, MaxScore: 10),
        new RubricCriterion("feasibility", Weight: 1, MaxScore: 5),
    ]);

    private static SubmittedReview Review(string reviewerId, int relevance, int feasibility) =>
        new(reviewerId, new Dictionary<string, int> { ["relevance"] = relevance, ["feasibility"] = feasibility });

    private static SubmittedReview Percent(string reviewerId, int score) =>
        new(reviewerId, new Dictionary<string, int> { ["overall"] = score });

    private static readonly Rubric OutOfHundred = new([new RubricCriterion("overall", 1, 100)]);

    [Theory]
    [InlineData(10, 5, "100.00")]
    [InlineData(0, 0, "0.00")]
    [InlineData(5, 0, "37.50")]
    [InlineData(0, 5, "25.00")]
    [InlineData(7, 3, "67.50")]
    public void Normalise_WeightedScores_IsTheWeightedShareOfTheMaximum(int relevance, int feasibility, string expected)
    {
        var score = ScoreAggregation.Normalise(Rubric, Review("r", relevance, feasibility).Scores);

        Assert.Equal(expected, score.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(3, 1, "33.33")]
    [InlineData(3, 2, "66.67")]
    [InlineData(32, 1, "3.13")]
    [InlineData(32, 3, "9.38")]
    [InlineData(7, 1, "14.29")]
    public void Normalise_NotAWholeHundredth_RoundsOnceHalfAwayFromZero(int maxScore, int score, string expected)
    {
        var rubric = new Rubric([new RubricCriterion("overall", 1, maxScore)]);

        var normalised = ScoreAggregation.Normalise(rubric, new Dictionary<string, int> { ["overall"] = score });

        Assert.Equal(expected, normalised.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Normalise_CriteriaWithLargeCoprimeMaxima_StaysExact()
    {
        int[] primes = [97, 89, 83, 79, 73, 71, 67, 61, 59, 53, 47, 43, 41, 37, 31, 29, 23, 19, 17, 13];
        var rubric = new Rubric(primes.Select((p, i) => new RubricCriterion($"c{i}", 100, p)));

        Assert.Equal(100m, ScoreAggregation.Normalise(rubric, rubric.Criteria.ToDictionary(c => c.Id, c => c.MaxScore)));
        Assert.Equal(0m, ScoreAggregation.Normalise(rubric, rubric.Criteria.ToDictionary(c => c.Id, _ => 0)));
    }

    [Fact]
    public void Normalise_ScoresThatDoNotFit_Throws()
    {
        Assert.Throws<ArgumentException>(() => ScoreAggregation.Normalise(Rubric, Review("r", 11, 0).Scores));
    }

    [Fact]
    public void Aggregate_TwoReviewsFarApart_FlagsStrongDisagreement()
    {
        var result = ScoreAggregation.Aggregate(OutOfHundred, [Percent("amara", 80), Percent("bo", 40)], requiredReviews: 2);

        Assert.Equal([new ReviewScore("amara", 80m), new ReviewScore("bo", 40m)], result.Reviews);
        Assert.Equal(60m, result.Mean);
        Assert.Equal(40m, result.Lowest);
        Assert.Equal(80m, result.Highest);
        Assert.Equal(40m, result.Spread);
        Assert.Equal(20m, result.StandardDeviation);
        Assert.True(result.StrongDisagreement);
        Assert.False(result.MissingReviews);
    }

    [Fact]
    public void Aggregate_ThreeReviews_PopulationStandardDeviationToTheHundredth()
    {
        var result = ScoreAggregation.Aggregate(OutOfHundred, [Percent("a", 70), Percent("b", 80), Percent("c", 90)], requiredReviews: 3);

        Assert.Equal(80m, result.Mean);
        Assert.Equal(8.16m, result.StandardDeviation);
        Assert.Equal(20m, result.Spread);
        Assert.False(result.StrongDisagreement);
    }

    [Fact]
    public void Aggregate_MeanBetweenHundredths_RoundsHalfAwayFromZero()
    {
        var result = ScoreAggregation.Aggregate(OutOfHundred, [Percent("a", 70), Percent("b", 71), Percent("c", 71)], requiredReviews: 3);

        Assert.Equal(70.67m, result.Mean);
    }

    [Theory]
    [InlineData(50, 75, true)]
    [InlineData(50, 74, false)]
    public void Aggregate_SpreadAtDefaultThreshold_FlagsFromTwentyFivePoints(int low, int high, bool flagged)
    {
        var result = ScoreAggregation.Aggregate(OutOfHundred, [Percent("a", low), Percent("b", high)], requiredReviews: 2);

        Assert.Equal(flagged, result.StrongDisagreement);
    }

    [Fact]
    public void Aggregate_ConfiguredThreshold_IsUsed()
    {
        var result = ScoreAggregation.Aggregate(OutOfHundred, [Percent("a", 50), Percent("b", 60)], requiredReviews: 2, disagreementThreshold: 10m);

        Assert.True(result.StrongDisagreement);
    }

    [Fact]
    public void Aggregate_FewerReviewsThanRequired_FlagsMissing()
    {
        var result = ScoreAggregation.Aggregate(OutOfHundred, [Percent("a", 50)], requiredReviews: 2);

        Assert.True(result.MissingReviews);
        Assert.Equal(50m, result.Mean);
        Assert.Equal(0m, result.Spread);
        Assert.False(result.StrongDisagreement);
    }

    [Fact]
    public void Aggregate_NoReviews_HasNoMeanRatherThanZero()
    {
        var result = ScoreAggregation.Aggregate(OutOfHundred, [], requiredReviews: 2);

        Assert.Empty(result.Reviews);
        Assert.Null(result.Mean);
        Assert.Null(result.Lowest);
        Assert.Null(result.Highest);
        Assert.True(result.MissingReviews);
        Assert.False(result.StrongDisagreement);
    }

    [Fact]
    public void Aggregate_Scores_CarryTwoDecimals()
    {
        var result = ScoreAggregation.Aggregate(OutOfHundred, [Percent("a", 72)], requiredReviews: 1);

        Assert.Equal("72.00", result.Mean!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.00", result.StandardDeviation.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Aggregate_ReviewThatDoesNotFitTheRubric_Throws()
    {
        var incomplete = new SubmittedReview("a", new Dictionary<string, int> { ["relevance"] = 3 });

        Assert.Throws<ArgumentException>(() => ScoreAggregation.Aggregate(Rubric, [incomplete], requiredReviews: 1));
    }

    [Fact]
    public void Aggregate_TwoReviewsFromOneReviewer_Throws()
    {
        Assert.Throws<ArgumentException>(() => ScoreAggregation.Aggregate(OutOfHundred, [Percent("a", 1), Percent("a", 2)], requiredReviews: 2));
    }

    [Fact]
    public void Aggregate_ThresholdNotAboveZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoreAggregation.Aggregate(OutOfHundred, [], 1, disagreementThreshold: 0m));
    }
}
