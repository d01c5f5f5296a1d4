using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Donors;

/// <summary>The Secretariat's list of donors. Donors are not shown one another.</summary>
public sealed class ListDonors(Access access, DonorStore donors)
{
    [Function(nameof(ListDonors))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "donors")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var all = await donors.ListAsync(cancellationToken);
        return TypedResults.Ok(all.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase).Select(d => d.ToView()).ToArray());
    }
}
