using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Applications;

/// <summary>Document records of an application; see <see cref="DocumentEntity"/>.</summary>
public sealed class DocumentStore(ApplicationStore applications)
{
    public const string Container = "documents";

    public async Task<IReadOnlyList<DocumentEntity>> ListAsync(ApplicationEntity application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        var prefix = application.RowKey + "|doc|";

        // '}' follows '|' in ordinal order, so this range holds exactly this application's document rows.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {application.PartitionKey} and RowKey ge {prefix} and RowKey lt {application.RowKey + "|doc}"}");
        var documents = new List<DocumentEntity>();
        await foreach (var document in applications.Client.QueryAsync<DocumentEntity>(filter, cancellationToken: cancellationToken))
        {
            documents.Add(document);
        }

        return documents;
    }

    public async Task<DocumentEntity?> FindAsync(ApplicationEntity application, string type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        var found = await applications.Client.GetEntityIfExistsAsync<DocumentEntity>(
            application.PartitionKey, DocumentEntity.RowKeyFor(application.RowKey, type), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
