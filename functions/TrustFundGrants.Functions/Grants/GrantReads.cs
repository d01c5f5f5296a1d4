using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// Reads a grant without its ledger: the grant row and three range reads (tranches, reports, amendments)
/// at once, so reading a grant costs the same with 5 ledger entries or 500.
/// </summary>
internal static class GrantReads
{
    public static async Task<GrantFile?> ReadAsync(TableClient table, string grantId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(grantId, out _))
        {
            return null;
        }

        var grant = table.GetEntityIfExistsAsync<GrantEntity>(grantId, GrantEntity.Row, cancellationToken: cancellationToken);
        var tranches = RangeAsync<TrancheEntity>(table, grantId, TrancheEntity.Prefix, cancellationToken);
        var reports = RangeAsync<ReportEntity>(table, grantId, ReportEntity.Prefix, cancellationToken);
        var amendments = RangeAsync<AmendmentEntity>(table, grantId, AmendmentEntity.Prefix, cancellationToken);
        await Task.WhenAll(grant, tranches, reports, amendments);
        var found = await grant;
        return found.HasValue && found.Value is { } row ? new GrantFile(row, await tranches, await reports, await amendments) : null;
    }

    // The prefix with its last character incremented is the first key after every key that starts with it.
    public static async Task<IReadOnlyList<T>> RangeAsync<T>(TableClient table, string partitionKey, string prefix, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {end}");
        var rows = new List<T>();
        await foreach (var row in table.QueryAsync<T>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
