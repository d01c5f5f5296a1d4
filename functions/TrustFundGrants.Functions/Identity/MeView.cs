using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Identity;

/// <summary>What the portal needs to know about the signed-in person to show the right pages.</summary>
public sealed record MeView(string UserId, string Email, string DisplayName, IReadOnlyList<string> Roles, string? OrganisationId, string? DonorId, string? Language)
{
    public static MeView From(Caller caller, string? language)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new(caller.UserId, caller.Email, caller.DisplayName, caller.Roles, caller.OrganisationId, caller.DonorId, language);
    }
}
