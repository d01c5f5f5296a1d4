using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Funds;

public sealed class ListFunds(Access access, FundStore funds)
{
    [Function(nameof(ListFunds))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "funds")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var all = await funds.ListAsync(cancellationToken);
        return TypedResults.Ok(all.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Select(f => f.ToView()).ToArray());
    }
}
