using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Organisations.Names;

/// <summary>
/// Organisations by the words of their names (<see cref="OrganisationNameEntity"/>), so that a search reads the
/// rows of the words it asks for, never the whole register. Kept by <see cref="IndexOrganisationName"/> from the
/// outbox message a registration or a rename commits with its change, so it follows within moments.
/// </summary>
public sealed class OrganisationNameIndex(TableServiceClient tables)
{
    public const string Table = "organisationnames";

    /// <summary>However common the word, a search reads at most this many index rows.</summary>
    public const int MaxRowsRead = 500;

    public TableClient Client => tables.GetTableClient(Table);

    /// <summary>
    /// Organisations whose name has a word beginning with each word of <paramref name="query"/>: the rows of its
    /// longest word, in key order (that word exactly first, then longer words, each by name), the other words
    /// checked against the name. Null when the query has no word.
    /// </summary>
    public async Task<IReadOnlyList<OrganisationMatch>?> SearchAsync(string query, int max, CancellationToken cancellationToken)
    {
        var words = OrganisationNameWords.Of(query);
        if (words.Count == 0)
        {
            return null;
        }

        var longest = words.MaxBy(w => w.Length)!;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {OrganisationNameWords.Partition(longest)} and RowKey ge {longest} and RowKey lt {OrganisationNameWords.After(longest)}");
        var matches = new List<OrganisationMatch>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // One request: each costs a round trip (and, on Azurite, a pass over the whole table), so the bound is
        // read as a single page rather than pages of 100; a page may come back short, and that is the answer.
        await foreach (var page in Client.QueryAsync<OrganisationNameEntity>(filter, maxPerPage: MaxRowsRead, cancellationToken: cancellationToken).AsPages())
        {
            foreach (var row in page.Values)
            {
                if (matches.Count == max)
                {
                    break;
                }

                if (seen.Add(row.OrganisationId) && OrganisationNameWords.Matches(OrganisationNameWords.Of(row.Name), words))
                {
                    matches.Add(new OrganisationMatch(row.OrganisationId, row.Name, row.Country));
                }
            }

            break;
        }

        return matches;
    }

    /// <summary>
    /// Brings an organisation's rows in line with its name as stored now, whichever message asked: upserts the rows
    /// of its words, removes those of words it no longer has, then records what it has under the record's ETag.
    /// A record changed meanwhile (a rename indexed at the same moment) throws, so the message is tried again; the
    /// rows this attempt wrote for a name already gone are removed first.
    /// </summary>
    public async Task SyncAsync(OrganisationEntity organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var organisations = tables.GetTableClient(OrganisationStore.Table);
        var found = await organisations.GetEntityIfExistsAsync<OrganisationNameRecord>(organisation.PartitionKey, OrganisationNameRecord.Row, cancellationToken: cancellationToken);
        var record = found.HasValue ? found.Value! : new OrganisationNameRecord { PartitionKey = organisation.PartitionKey };
        var wanted = Rows(organisation);
        var wantedKeys = wanted.Select(Key).ToHashSet(StringComparer.Ordinal);
        foreach (var row in wanted)
        {
            await Client.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }

        await RemoveAsync(record.KeyList().Where(k => !wantedKeys.Contains(k)), cancellationToken);
        record.Keys = string.Join('\n', wantedKeys.Order(StringComparer.Ordinal));
        try
        {
            if (found.HasValue)
            {
                await organisations.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await organisations.AddEntityAsync(record, cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            var now = await organisations.GetEntityAsync<OrganisationEntity>(organisation.PartitionKey, OrganisationEntity.Row, cancellationToken: cancellationToken);
            var current = Rows(now.Value).Select(Key).ToHashSet(StringComparer.Ordinal);
            await RemoveAsync(wantedKeys.Where(k => !current.Contains(k)), cancellationToken);
            throw;
        }
    }

    private static List<OrganisationNameEntity> Rows(OrganisationEntity organisation) =>
        OrganisationNameWords.Of(organisation.Name).Distinct(StringComparer.Ordinal).Select(w => OrganisationNameEntity.For(w, organisation)).ToList();

    private static string Key(OrganisationNameEntity row) => row.PartitionKey + "/" + row.RowKey;

    private async Task RemoveAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            try
            {
                await Client.DeleteEntityAsync(key[..slash], key[(slash + 1)..], ETag.All, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Removed by an earlier delivery.
            }
        }
    }
}
