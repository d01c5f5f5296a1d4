using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Rounds;

/// <summary>Anonymous: a call for proposals is public, so NGOs can read its terms before they sign in.</summary>
public sealed class GetRound(RoundStore rounds, TimeProvider time)
{
    [Function(nameof(GetRound))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rounds/{roundId}")] HttpRequest request,
        string roundId,
        CancellationToken cancellationToken)
    {
        if (await rounds.FindAsync(roundId, cancellationToken) is not { } round)
        {
            return Problems.NotFound();
        }

        request.HttpContext.Response.Headers.ETag = round.ETag.ToString("H");
        return TypedResults.Ok(round.ToView(time.GetUtcNow()));
    }
}
