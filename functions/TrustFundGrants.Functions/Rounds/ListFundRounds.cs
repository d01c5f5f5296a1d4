using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Rounds;

/// <summary>
/// Secretariat: every round of a fund whatever its state, newest first. The public list shows only
/// rounds an NGO can still apply to; reviewing, deciding and paying happen after closing.
/// </summary>
public sealed class ListFundRounds(Access access, FundStore funds, RoundStore rounds, TimeProvider time)
{
    [Function(nameof(ListFundRounds))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "funds/{fundId}/rounds")] HttpRequest request,
        string fundId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        if (await funds.FindAsync(fundId, cancellationToken) is null)
        {
            return Problems.NotFound();
        }

        // A fund runs a few calls a year: its rounds are one filtered read of the rounds partition, unpaged.
        var now = time.GetUtcNow();
        var found = new List<RoundView>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RoundEntity.Partition} and FundId eq {fundId}");
        await foreach (var round in rounds.Client.QueryAsync<RoundEntity>(filter, cancellationToken: cancellationToken))
        {
            found.Add(round.ToView(now));
        }

        return TypedResults.Ok(found.OrderByDescending(r => r.OpensAt).ToArray());
    }
}
