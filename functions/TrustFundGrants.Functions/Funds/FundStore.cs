using Azure.Data.Tables;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Funds;

/// <summary>Funds; see <see cref="FundEntity"/> for keys.</summary>
public sealed class FundStore(TableServiceClient tables)
{
    public const string Table = "funds";

    public TableClient Client => tables.GetTableClient(Table);

    public async Task<FundEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out _))
        {
            return null;
        }

        var found = await Client.GetEntityIfExistsAsync<FundEntity>(FundEntity.Partition, id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<IReadOnlyList<FundEntity>> ListAsync(CancellationToken cancellationToken)
    {
        var funds = new List<FundEntity>();
        await foreach (var fund in Client.QueryAsync<FundEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {FundEntity.Partition}") + " and " + OutboxEntry.ExcludedFilter, cancellationToken: cancellationToken))
        {
            funds.Add(fund);
        }

        return funds;
    }
}
