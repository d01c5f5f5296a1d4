namespace TrustFundGrants.Domain;

/// <summary>
/// One problem with a review's scores, keyed the way the request names the field ("scores.{criterionId}")
/// so that the API's validation problem and the review form can put it next to the right input.
/// </summary>
public sealed record ScoreError(string Field, string Message);
