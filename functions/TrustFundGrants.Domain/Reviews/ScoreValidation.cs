namespace TrustFundGrants.Domain;

/// <summary>
/// Checks a reviewer's scores against the round's rubric. A draft may leave criteria unscored, because
/// reviewers save as they read; a submission may not, because its score is final and enters the ranking.
/// </summary>
public static class ScoreValidation
{
    public static IReadOnlyList<ScoreError> ValidateSubmission(Rubric rubric, IReadOnlyDictionary<string, int>? scores) =>
        Validate(rubric, scores, requireEvery: true);

    public static IReadOnlyList<ScoreError> ValidateDraft(Rubric rubric, IReadOnlyDictionary<string, int>? scores) =>
        Validate(rubric, scores, requireEvery: false);

    private static List<ScoreError> Validate(Rubric rubric, IReadOnlyDictionary<string, int>? scores, bool requireEvery)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        scores ??= new Dictionary<string, int>();
        var errors = new List<ScoreError>();
        foreach (var criterion in rubric.Criteria)
        {
            var field = "scores." + criterion.Id;
            if (!scores.TryGetValue(criterion.Id, out var score))
            {
                if (requireEvery)
                {
                    errors.Add(new ScoreError(field, $"Score this criterion from 0 to {criterion.MaxScore}."));
                }
            }
            else if (score < 0 || score > criterion.MaxScore)
            {
                errors.Add(new ScoreError(field, $"A score for this criterion is a whole number from 0 to {criterion.MaxScore}."));
            }
        }

        // The caller's dictionary has no order to rely on; sorting keeps the error list the same on every call.
        errors.AddRange(scores.Keys
            .Where(id => !rubric.Ids.Contains(id))
            .Order(StringComparer.Ordinal)
            .Select(id => new ScoreError("scores." + id, "The rubric has no such criterion.")));
        return errors;
    }
}
