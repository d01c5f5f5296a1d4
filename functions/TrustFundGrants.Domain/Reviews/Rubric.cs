using System.Numerics;

namespace TrustFundGrants.Domain;

/// <summary>One line of a round's scoring rubric: scored as a whole number from 0 to <see cref="MaxScore"/>.</summary>
public sealed record RubricCriterion(string Id, int Weight, int MaxScore);

/// <summary>
/// A round's criteria in the order reviewers see them. Weights are whole numbers, as the round form takes
/// them, which lets every score be computed exactly: scaling all weights by a constant changes nothing.
/// </summary>
public sealed class Rubric
{
    public Rubric(IEnumerable<RubricCriterion> criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        Criteria = [.. criteria];
        if (Criteria.Count == 0)
        {
            throw new ArgumentException("A rubric needs at least one criterion.", nameof(criteria));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var criterion in Criteria)
        {
            if (criterion is not { Id.Length: > 0, Weight: > 0, MaxScore: > 0 })
            {
                throw new ArgumentException("Each criterion needs an id, a weight above 0 and a maximum score above 0.", nameof(criteria));
            }

            if (!ids.Add(criterion.Id))
            {
                throw new ArgumentException($"Criterion '{criterion.Id}' appears more than once.", nameof(criteria));
            }
        }

        Ids = ids;
        TotalWeight = Criteria.Aggregate(BigInteger.Zero, (total, c) => total + c.Weight);
        CommonMaxScore = Criteria.Aggregate(BigInteger.One, (common, c) => common / BigInteger.GreatestCommonDivisor(common, c.MaxScore) * c.MaxScore);
    }

    public IReadOnlyList<RubricCriterion> Criteria { get; }

    internal IReadOnlySet<string> Ids { get; }

    internal BigInteger TotalWeight { get; }

    /// <summary>The least common multiple of the maximum scores: one denominator for every criterion's fraction.</summary>
    internal BigInteger CommonMaxScore { get; }
}
