using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Donors;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Contributions;

/// <summary>One pledge with its receipts. A donor's people see their own donor's only; any other is 404.</summary>
public sealed class GetContribution(Access access, ContributionStore contributions)
{
    [Function(nameof(GetContribution))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "contributions/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat, Roles.Donor);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await contributions.FindAsync(id, cancellationToken) is not { } pledge || !DonorAccess.MaySee(caller, pledge.DonorId))
        {
            return Problems.NotFound();
        }

        var receipts = await contributions.ReceiptsAsync(pledge.PartitionKey, cancellationToken);
        request.HttpContext.Response.Headers.ETag = pledge.ETag.ToString();
        return TypedResults.Ok(pledge.ToView(receipts.Select(r => r.ToView()).ToArray()));
    }
}
