using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Funds;

/// <summary>One fund for the Secretariat, with the ETag a change to its settings sends back as If-Match.</summary>
public sealed class GetFund(Access access, FundStore funds)
{
    [Function(nameof(GetFund))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "funds/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        if (await funds.FindAsync(id, cancellationToken) is not { } fund)
        {
            return Problems.NotFound();
        }

        request.HttpContext.Response.Headers.ETag = fund.ETag.ToString("H");
        return TypedResults.Ok(fund.ToView());
    }
}
