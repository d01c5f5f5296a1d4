using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants;

/// <summary>A grant's terms, tranches, reports, amendments and running totals (never summed from the ledger), with its ETag.</summary>
public sealed class GetGrant(Access access, IGrantStore grants)
{
    [Function(nameof(GetGrant))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "grants/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat, Roles.Applicant);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await grants.ReadAsync(id, cancellationToken) is not { } file || !GrantRequests.MaySee(caller, file.Grant))
        {
            return Problems.NotFound();
        }

        request.HttpContext.Response.Headers.ETag = file.Grant.ETag.ToString("H");
        return TypedResults.Ok(GrantView.From(file));
    }
}
