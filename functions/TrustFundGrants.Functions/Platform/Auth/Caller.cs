namespace TrustFundGrants.Functions.Platform.Auth;

/// <summary>
/// The signed-in person making a request, as their session token states. <see cref="SessionId"/>
/// names this one session (sign-out ends it); <see cref="SessionGeneration"/> is the user's session
/// generation when it was issued (ending all their sessions moves the generation on).
/// </summary>
public sealed record Caller(
    string UserId,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    string? OrganisationId,
    string? DonorId,
    string? SessionId = null,
    long SessionGeneration = 0)
{
    public bool IsIn(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public bool IsMemberOf(string organisationId) =>
        IsIn(Auth.Roles.Applicant) && string.Equals(OrganisationId, organisationId, StringComparison.Ordinal);
}
