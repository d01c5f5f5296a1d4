using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>A reviewer's scores and view of one application, saved as they read and submitted once.</summary>
public sealed record ReviewRequest(IReadOnlyDictionary<string, int>? Scores, string? Comments, string Recommendation, AmountJson? RecommendedAmount = null)
{
    public static readonly IReadOnlyList<string> Recommendations = ["fund", "do-not-fund", "maybe"];

    public static Rubric RubricOf(RoundEntity round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return new Rubric(round.Criteria()
            .Select(c => new RubricCriterion(c.Id, c.Weight, c.MaxScore)));
    }

    /// <summary>Every field error at once; the recommended amount may not exceed what the applicant asked for.</summary>
    public void Validate(Rubric rubric, CurrencyCode currency, long? requestedMinor, bool final, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var field in (final ? ScoreValidation.ValidateSubmission(rubric, Scores) : ScoreValidation.ValidateDraft(rubric, Scores)).GroupBy(e => e.Field))
        {
            errors[field.Key] = field.Select(e => e.Message).ToArray();
        }

        // A draft may be saved before the reviewer has made up their mind; a submitted review may not.
        if ((final || Recommendation.Length > 0) && !Recommendations.Contains(Recommendation))
        {
            errors["recommendation"] = ["Choose your recommendation: fund, do not fund, or maybe."];
        }

        if ((Comments ?? string.Empty).Length > 8000)
        {
            errors["comments"] = ["Comments have at most 8,000 characters."];
        }

        if (RecommendedAmount?.Read(currency, "recommendedAmount", errors) is { } amount && requestedMinor is { } requested && amount.MinorUnits > requested)
        {
            errors["recommendedAmount.amount"] = [$"Recommend at most the requested {new Money(requested, currency)}."];
        }
    }
}
