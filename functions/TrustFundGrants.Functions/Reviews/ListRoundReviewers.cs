using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Reviews;

public sealed class ListRoundReviewers(Access access, RoundStore rounds, ReviewStores stores)
{
    [Function(nameof(ListRoundReviewers))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rounds/{roundId}/reviewers")] HttpRequest request,
        string roundId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        if (await rounds.FindAsync(roundId, cancellationToken) is null)
        {
            return Problems.NotFound();
        }

        var reviewers = await ReviewStores.PartitionAsync<ReviewerEntity>(stores.Reviewers, roundId, cancellationToken);
        return TypedResults.Ok(reviewers.OrderBy(r => r.Email, StringComparer.Ordinal).Select(r => r.ToView()).ToArray());
    }
}
