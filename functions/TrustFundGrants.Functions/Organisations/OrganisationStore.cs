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
}
