using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Donors;

/// <summary>Donors; see <see cref="DonorEntity"/> for keys.</summary>
public sealed class DonorStore(TableServiceClient tables)
{
    public const string Table = "donors";

    public TableClient Client => tables.GetTableClient(Table);

    public async Task<DonorEntity?> FindAsync(string? id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out _))
        {
            return null;
        }

        var found = await Client.GetEntityIfExistsAsync<DonorEntity>(DonorEntity.Partition, id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<IReadOnlyList<DonorEntity>> ListAsync(CancellationToken cancellationToken)
    {
        var donors = new List<DonorEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DonorEntity.Partition}");
        await foreach (var donor in Client.QueryAsync<DonorEntity>(filter, cancellationToken: cancellationToken))
        {
            donors.Add(donor);
        }

        return donors;
    }
}
