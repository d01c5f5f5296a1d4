using System.Collections.Immutable;
using CsCheck;

namespace TrustFundGrants.Domain.Tests;

/// <summary>A rubric within the round form's bounds (weights and maximum scores 1 to 100) and reviews that fit it.</summary>
internal sealed record ScoringCase(RubricCriterion[] Criteria, ImmutableArray<int>[] Reviews)
{
    public static readonly Gen<RubricCriterion[]> AnyCriteria =
        Gen.Select(Gen.Int[1, 100], Gen.Int[1, 100]).Array[1, 8]
            .Select(c => c.Select((w, i) => new RubricCriterion($"c{i}", w.Item1, w.Item2)).ToArray());

    public static readonly Gen<ScoringCase> Any =
        from criteria in AnyCriteria
        from reviews in ScoresFor(criteria).Array[0, 6]
        select new ScoringCase(criteria, reviews);

    public static readonly Gen<ScoringCase> AtLeastOneReview =
        from criteria in AnyCriteria
        from reviews in ScoresFor(criteria).Array[1, 6]
        select new ScoringCase(criteria, reviews);

    public Rubric Rubric => new(Criteria);

    public IEnumerable<SubmittedReview> Submitted => Reviews.Select((scores, r) => new SubmittedReview($"rev-{r}", ToScores(Criteria, scores)));

    /// <summary>One whole-number score per criterion, each from 0 to its maximum.</summary>
    public static Gen<ImmutableArray<int>> ScoresFor(RubricCriterion[] criteria) =>
        criteria.Aggregate(
            Gen.Const(ImmutableArray<int>.Empty),
            (gen, criterion) => from scores in gen from score in Gen.Int[0, criterion.MaxScore] select scores.Add(score));

    public static Dictionary<string, int> ToScores(RubricCriterion[] criteria, IEnumerable<int> scores) =>
        criteria.Zip(scores).ToDictionary(p => p.First.Id, p => p.Second);

    public override string ToString() =>
        $"criteria [{string.Join(", ", Criteria.Select(c => $"{c.Id} w{c.Weight}/{c.MaxScore}"))}]; "
        + $"reviews [{string.Join("; ", Reviews.Select(r => string.Join(" ", r)))}]";
}
