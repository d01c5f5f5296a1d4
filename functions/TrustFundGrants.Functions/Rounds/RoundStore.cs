using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Rounds;

/// <summary>Rounds; see <see cref="RoundEntity"/> for keys.</summary>
public sealed class RoundStore(TableServiceClient tables)
{
    public const string Table = "rounds";

    public TableClient Client => tables.GetTableClient(Table);

    public async Task<RoundEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out _))
        {
            return null;
        }

        var found = await Client.GetEntityIfExistsAsync<RoundEntity>(RoundEntity.Partition, id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<ETag> AddAsync(RoundEntity round, CancellationToken cancellationToken) =>
        (await Client.AddEntityAsync(round, cancellationToken)).Headers.ETag ?? default;

    public async Task<ETag> ReplaceAsync(RoundEntity round, ETag etag, CancellationToken cancellationToken) =>
        (await Client.UpdateEntityAsync(round, etag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? default;
}
