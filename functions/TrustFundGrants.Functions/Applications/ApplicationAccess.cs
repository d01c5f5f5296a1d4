using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Applications;

internal static class ApplicationAccess
{
    /// <summary>The Secretariat sees every application; an applicant only their organisation's. Anyone else gets 404.</summary>
    public static bool MaySee(Caller caller, ApplicationEntity application) =>
        caller.IsIn(Roles.Secretariat) || caller.IsMemberOf(application.OrganisationId);

    public static bool MayEdit(Caller caller, ApplicationEntity application) => caller.IsMemberOf(application.OrganisationId);
}
