using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Projections;

/// <summary>For whoever operates the deployment (a function key): the same rebuild, e.g. after restoring tables.</summary>
public sealed class RebuildProjectionsByKey(FundStore funds, ProjectionRebuilder rebuilder)
{
    [Function(nameof(RebuildProjectionsByKey))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "ops/funds/{fundId}/dashboard/rebuild")] HttpRequest request,
        string fundId,
        CancellationToken cancellationToken)
    {
        if (await funds.FindAsync(fundId, cancellationToken) is not { } fund)
        {
            return Problems.NotFound();
        }

        return TypedResults.Ok(await rebuilder.RebuildAsync(fund.RowKey, cancellationToken));
    }
}
