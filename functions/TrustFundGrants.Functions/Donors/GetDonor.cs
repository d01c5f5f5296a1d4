using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Donors;

/// <summary>One donor: the Secretariat sees any, a donor's own people only their own (404 for any other).</summary>
public sealed class GetDonor(Access access, DonorStore donors)
{
    [Function(nameof(GetDonor))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "donors/{donorId}")] HttpRequest request,
        string donorId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat, Roles.Donor);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (!DonorAccess.MaySee(caller, donorId) || await donors.FindAsync(donorId, cancellationToken) is not { } donor)
        {
            return Problems.NotFound();
        }

        return TypedResults.Ok(donor.ToView());
    }
}

/// <summary>The Secretariat may see every donor's records; a donor's people only their own donor's.</summary>
public static class DonorAccess
{
    public static bool MaySee(Caller caller, string donorId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsIn(Roles.Secretariat)
            || (caller.IsIn(Roles.Donor) && string.Equals(caller.DonorId, donorId, StringComparison.Ordinal));
    }
}
