using System.Text.Json;
using Azure.Data.Tables;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Contributions;

namespace TrustFundGrants.Functions.Projections;

/// <summary>
/// Recomputes a fund's dashboard from the source rows (every grant and pledge), says whether the live
/// projection agreed, and stores the recomputation with the per-grant and per-pledge rows it was summed from.
/// The new dashboard row is written last and conditionally on the one read at the start, so an event applied
/// meanwhile is never overwritten: the rebuild reads everything again and recomputes (a few times, then gives up
/// with the conflict). Until that last write lands, the per-grant rows may be newer than the dashboard row; the
/// retry is what puts them back in step, which is why the rebuild does not stop at the first conflict.
/// </summary>
public sealed class ProjectionRebuilder(TableServiceClient tables, IGrantSource grants, ContributionStore contributions, FundProjector projector)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Client => tables.GetTableClient(ProjectionRows.Table);

    private const int Attempts = 5;

    public async Task<RebuildResult> RebuildAsync(string fundId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RebuildOnceAsync(fundId, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < Attempts)
            {
                // An event of this fund was applied while we recomputed (or created the row we meant to add).
            }
        }
    }

    private async Task<RebuildResult> RebuildOnceAsync(string fundId, CancellationToken cancellationToken)
    {
        var (live, liveRow) = await projector.ReadAsync(fundId, cancellationToken);
        var grantFacts = new List<GrantFacts>();
        await foreach (var grant in grants.ListAsync(fundId, cancellationToken))
        {
            grantFacts.Add(grant.Facts);
        }

        var pledges = await contributions.FundPledgesAsync(fundId, cancellationToken);
        var rebuilt = FundProjection.Recompute(grantFacts, pledges);

        var wanted = grantFacts.Select(g => ProjectionRows.WithJson(fundId, ProjectionRows.GrantPrefix + g.GrantId, JsonSerializer.Serialize(g, Json)))
            .Concat(pledges.Select(p => ProjectionRows.WithJson(fundId, ProjectionRows.PledgePrefix + p.PledgeId, JsonSerializer.Serialize(p, Json))))
            .ToDictionary(r => r.RowKey, StringComparer.Ordinal);
        var actions = wanted.Values.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)).ToList();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {fundId} and RowKey ge {ProjectionRows.GrantPrefix} and RowKey lt {"pledge."}");
        await foreach (var row in Client.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (!wanted.ContainsKey(row.RowKey) && (row.RowKey.StartsWith(ProjectionRows.GrantPrefix, StringComparison.Ordinal) || row.RowKey.StartsWith(ProjectionRows.PledgePrefix, StringComparison.Ordinal)))
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, Azure.ETag.All));
            }
        }

        foreach (var batch in actions.Chunk(100))
        {
            await Client.SubmitTransactionAsync(batch, cancellationToken);
        }

        await Client.SubmitTransactionAsync([FundProjector.FundAction(fundId, rebuilt, liveRow)], cancellationToken);
        return new RebuildResult(fundId, live.ToJson() == rebuilt.ToJson(), grantFacts.Count, pledges.Count);
    }
}

/// <summary><see cref="Agreed"/>: the live projection already equalled the recomputation.</summary>
public sealed record RebuildResult(string FundId, bool Agreed, int Grants, int Pledges);
