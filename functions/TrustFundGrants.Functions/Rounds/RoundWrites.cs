using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Rounds;

/// <summary>How a change to a round commits: under the caller's ETag, with its audit entry, answering the round and its new ETag.</summary>
internal static class RoundWrites
{
    public static async Task<IResult> CommitAsync(
        HttpRequest request, RoundStore rounds, AuditLog audit, RoundEntity round, ETag ifMatch, OutboxEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ETag etag;
        try
        {
            etag = (await audit.CommitAsync(rounds.Client, [new TableTransactionAction(TableTransactionActionType.UpdateReplace, round, ifMatch)], entry, cancellationToken))[0];
        }
        // A refused transaction throws TableTransactionFailedException, a RequestFailedException with the 412.
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return Problems.PreconditionFailed();
        }

        rounds.Forget(round.RowKey);
        request.HttpContext.Response.Headers.ETag = etag.ToString("H");
        return TypedResults.Ok(round.ToView(now));
    }
}
