namespace TrustFundGrants.Domain.Tests;

public class ScoreValidationTests
{
    private static readonly Rubric Rubric = new(
    [
        new RubricCriterion("relevance", Weight: 3, MaxScore: 10),
        new RubricCriterion("feasibility", Weight: 1, MaxScore: 5),
    ]);

    private static Dictionary<string, int> Scores(params (string Id, int Score)[] scores) =>
        scores.ToDictionary(s => s.Id, s => s.Score);

    [Fact]
    public void ValidateSubmission_EveryCriterionInRange_HasNoErrors()
    {
        Assert.Empty(ScoreValidation.ValidateSubmission(Rubric, Scores(("relevance", 0), ("feasibility", 5))));
    }

    [Fact]
    public void ValidateSubmission_CriterionMissing_NamesIt()
    {
        var errors = ScoreValidation.ValidateSubmission(Rubric, Scores(("relevance", 7)));

        Assert.Equal([new ScoreError("scores.feasibility", "Score this criterion from 0 to 5.")], errors);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void ValidateSubmission_OutOfRange_NamesTheCriterionAndItsRange(int score)
    {
        var errors = ScoreValidation.ValidateSubmission(Rubric, Scores(("relevance", score), ("feasibility", 3)));

        Assert.Equal([new ScoreError("scores.relevance", "A score for this criterion is a whole number from 0 to 10.")], errors);
    }

    [Fact]
    public void ValidateSubmission_UnknownCriteria_NamesEachInOrdinalOrder()
    {
        var errors = ScoreValidation.ValidateSubmission(
            Rubric,
            Scores(("relevance", 1), ("feasibility", 1), ("zeal", 3), ("budget", 4)));

        Assert.Equal(
            [
                new ScoreError("scores.budget", "The rubric has no such criterion."),
                new ScoreError("scores.zeal", "The rubric has no such criterion."),
            ],
            errors);
    }

    [Fact]
    public void ValidateSubmission_CriterionIdInOtherCase_IsUnknownAndTheRealOneMissing()
    {
        var errors = ScoreValidation.ValidateSubmission(Rubric, Scores(("Relevance", 5), ("feasibility", 1)));

        Assert.Equal(["scores.relevance", "scores.Relevance"], errors.Select(e => e.Field));
    }

    [Fact]
    public void ValidateSubmission_NoScores_ReportsEveryCriterionInRubricOrder()
    {
        var errors = ScoreValidation.ValidateSubmission(Rubric, null);

        Assert.Equal(["scores.relevance", "scores.feasibility"], errors.Select(e => e.Field));
    }

    [Fact]
    public void ValidateSubmission_SeveralProblems_ReportsEachOnce()
    {
        var errors = ScoreValidation.ValidateSubmission(Rubric, Scores(("relevance", 12), ("other", 1)));

        Assert.Equal(["scores.relevance", "scores.feasibility", "scores.other"], errors.Select(e => e.Field));
    }

    [Fact]
    public void ValidateDraft_PartlyScored_HasNoErrors()
    {
        Assert.Empty(ScoreValidation.ValidateDraft(Rubric, Scores(("relevance", 4))));
        Assert.Empty(ScoreValidation.ValidateDraft(Rubric, null));
    }

    [Fact]
    public void ValidateDraft_OutOfRangeOrUnknown_StillRefused()
    {
        var errors = ScoreValidation.ValidateDraft(Rubric, Scores(("feasibility", 6), ("other", 1)));

        Assert.Equal(["scores.feasibility", "scores.other"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Rubric_NoCriteria_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Rubric([]));
    }

    [Theory]
    [InlineData("", 1, 1)]
    [InlineData("a", 0, 1)]
    [InlineData("a", -1, 1)]
    [InlineData("a", 1, 0)]
    public void Rubric_CriterionWithoutIdOrPositiveWeightAndMaximum_Throws(string id, int weight, int maxScore)
    {
        Assert.Throws<ArgumentException>(() => new Rubric([new RubricCriterion(id, weight, maxScore)]));
    }

    [Fact]
    public void Rubric_CriterionTwice_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Rubric([new RubricCriterion("a", 1, 5), new RubricCriterion("a", 2, 5)]));
    }
}
