namespace TrustFundGrants.Functions.Platform.Auth;

/// <summary>The signed-in person making a request, as their session token states.</summary>
public sealed record Caller(
    string UserId,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    string? OrganisationId,
    string? DonorId)
{
    public bool IsIn(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public bool IsMemberOf(string organisationId) =>
        IsIn(Auth.Roles.Applicant) && string.Equals(OrganisationId, organisationId, StringComparison.Ordinal);
}
