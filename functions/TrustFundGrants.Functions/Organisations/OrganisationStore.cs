using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>Organisations by id; see <see cref="OrganisationEntity"/> for keys.</summary>
public sealed class OrganisationStore(TableServiceClient tables)
{
    public const string Table = "organisations";

    public TableClient Client => tables.GetTableClient(Table);

    public async Task<OrganisationEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out _))
        {
            return null;
        }

        var found = await Client.GetEntityIfExistsAsync<OrganisationEntity>(id, OrganisationEntity.Row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Saves only if nobody changed it since <paramref name="etag"/>; a 412 from storage surfaces to the caller.</summary>
    public async Task<ETag> ReplaceAsync(OrganisationEntity organisation, ETag etag, CancellationToken cancellationToken) =>
        (await Client.UpdateEntityAsync(organisation, etag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? default;
}
