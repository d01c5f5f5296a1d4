using Azure.Data.Tables;
using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Contributions;

/// <summary>
/// Pledges and receipts; see <see cref="PledgeEntity"/> and <see cref="ReceiptEntity"/> for keys. Lists by
/// donor or fund filter across pledge partitions: a fund has tens to hundreds of pledges, not millions.
/// </summary>
public sealed class ContributionStore(TableServiceClient tables)
{
    public const string Table = "contributions";

    public TableClient Client => tables.GetTableClient(Table);

    public async Task<PledgeEntity?> FindAsync(string? id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out _))
        {
            return null;
        }

        var found = await Client.GetEntityIfExistsAsync<PledgeEntity>(id, PledgeEntity.Row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public Task AddAsync(PledgeEntity pledge, CancellationToken cancellationToken) => Client.AddEntityAsync(pledge, cancellationToken);

    public async Task<IReadOnlyList<ReceiptEntity>> ReceiptsAsync(string pledgeId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {pledgeId} and RowKey ge {ReceiptEntity.RowPrefix} and RowKey lt {"receipt."}");
        var receipts = new List<ReceiptEntity>();
        await foreach (var receipt in Client.QueryAsync<ReceiptEntity>(filter, cancellationToken: cancellationToken))
        {
            receipts.Add(receipt);
        }

        return receipts.OrderBy(r => r.ValueDate, StringComparer.Ordinal).ThenBy(r => r.RowKey, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every pledge of a fund with its receipts, as the projections count them.</summary>
    public async Task<IReadOnlyList<PledgeFacts>> FundPledgesAsync(string fundId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {PledgeEntity.Row} and FundId eq {fundId}");
        var pledges = new List<PledgeFacts>();
        await foreach (var pledge in Client.QueryAsync<PledgeEntity>(filter, cancellationToken: cancellationToken))
        {
            var receipts = pledge.Receipts == 0 ? [] : await ReceiptsAsync(pledge.PartitionKey, cancellationToken);
            pledges.Add(new PledgeFacts(
                pledge.PartitionKey,
                pledge.DonorId,
                pledge.Currency,
                pledge.PledgedMinorUnits,
                pledge.Earmark,
                receipts.Select(r => new ReceiptFacts(r.MinorUnits, r.FundMinorUnits, int.Parse(r.ValueDate[..4], System.Globalization.CultureInfo.InvariantCulture))).ToArray()));
        }

        return pledges;
    }
}
