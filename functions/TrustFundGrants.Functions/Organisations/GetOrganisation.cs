using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>The Secretariat sees every organisation; an applicant only their own (404 for any other).</summary>
public sealed class GetOrganisation(Access access, OrganisationStore organisations)
{
    [Function(nameof(GetOrganisation))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organisations/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (!OrganisationAccess.MaySee(caller, id) || await organisations.FindAsync(id, cancellationToken) is not { } organisation)
        {
            return Problems.NotFound();
        }

        return OrganisationResults.WithETag(request.HttpContext.Response, organisation, organisation.ETag);
    }
}

internal static class OrganisationAccess
{
    public static bool MaySee(Caller caller, string organisationId) =>
        caller.IsIn(Roles.Secretariat) || caller.IsMemberOf(organisationId);
}
