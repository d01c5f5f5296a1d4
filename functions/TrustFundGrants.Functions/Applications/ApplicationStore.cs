using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Applications;

/// <summary>
/// Applications (see <see cref="ApplicationEntity"/>) and the key table that finds an application's
/// round from its id alone. PartitionKey of a key row: the application id; RowKey: "key". The
/// mapping never changes, so it is cached for the life of the process.
/// </summary>
public sealed class ApplicationStore(TableServiceClient tables)
{
    public const string Table = "applications";
    public const string KeyTable = "applicationkeys";

    private readonly ConcurrentDictionary<string, string> roundOf = new(StringComparer.Ordinal);

    public TableClient Client => tables.GetTableClient(Table);

    private TableClient Keys => tables.GetTableClient(KeyTable);

    /// <summary>
    /// Writes the key row of a new application; the application row follows (with its audit entry), so
    /// an application row never exists that its id cannot find.
    /// </summary>
    public async Task AddKeyAsync(ApplicationEntity application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        await Keys.AddEntityAsync(new TableEntity(application.RowKey, "key") { ["RoundId"] = application.PartitionKey }, cancellationToken);
        roundOf[application.RowKey] = application.PartitionKey;
    }

    public async Task<ApplicationEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out _))
        {
            return null;
        }

        if (!roundOf.TryGetValue(id, out var roundId))
        {
            var key = await Keys.GetEntityIfExistsAsync<TableEntity>(id, "key", cancellationToken: cancellationToken);
            if (!key.HasValue || key.Value?.GetString("RoundId") is not { } found)
            {
                return null;
            }

            roundId = roundOf[id] = found;
        }

        var application = await Client.GetEntityIfExistsAsync<ApplicationEntity>(roundId, id, cancellationToken: cancellationToken);
        return application.HasValue ? application.Value : null;
    }
}
