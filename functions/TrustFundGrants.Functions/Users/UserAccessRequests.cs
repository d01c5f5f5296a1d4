using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Users;

/// <summary>Take one role away from a person, named by the address they sign in with.</summary>
public sealed record RemoveRoleRequest(string Email, string Role)
{
    public void Validate(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (EmailAddress.Problem(Email) is { } wrong)
        {
            errors["email"] = [wrong];
        }

        if (Roles.Parse(Role) is not { } role || !UserAccessRules.Removable.Contains(role))
        {
            errors["role"] = ["Remove Reviewer, Donor or Secretariat. Applicants leave through their organisation."];
        }
    }
}

/// <summary>What the Secretariat sees of a person's access after a change.</summary>
public sealed record UserAccessView(string UserId, string Email, IReadOnlyList<string> Roles, bool Deactivated)
{
    public static UserAccessView From(UserEntity user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.UserId, user.Email, user.RoleList, user.DeactivatedAt is not null);
    }
}

internal static class UserAccessRules
{
    /// <summary>Roles the Secretariat grants by invitation and may take back; applicants leave through their organisation.</summary>
    public static readonly string[] Removable = [Roles.Reviewer, Roles.Donor, Roles.Secretariat];

    public const string NotYourself = "You cannot do this to your own account; ask another Secretariat member.";

    public static bool IsSelf(Caller caller, string normalizedEmail) => string.Equals(caller.Email, normalizedEmail, StringComparison.Ordinal);
}
