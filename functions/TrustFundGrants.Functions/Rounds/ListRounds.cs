using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Rounds;

/// <summary>Anonymous: the calls an NGO can still apply to, open or upcoming, one page at a time.</summary>
public sealed class ListRounds(RoundStore rounds, TimeProvider time)
{
    [Function(nameof(ListRounds))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rounds")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (paging, errors) = Paging.From(request);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }

        var now = time.GetUtcNow();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RoundEntity.Partition} and ClosesAt gt {now}");
        await foreach (var page in rounds.Client.QueryAsync<RoundEntity>(filter, paging!.Limit, cancellationToken: cancellationToken).AsPages(paging.Cursor, paging.Limit))
        {
            var items = page.Values.OrderBy(r => r.ClosesAt).Select(r => r.ToView(now)).ToArray();
            return TypedResults.Ok(new Page<RoundView>(items, page.ContinuationToken));
        }

        return TypedResults.Ok(new Page<RoundView>([], null));
    }
}
