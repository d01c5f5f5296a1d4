using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// The grants feature's answer to <see cref="IGrantSource"/>: a grant's facts from its own partition (one query
/// for the grant, tranches, ledger and reports), and a fund's grants from the fund's index partition a page
/// at a time. Each page's grants are read at once and handed on in order, so an export of any number of
/// grants holds one page in memory, never the whole fund.
/// </summary>
public sealed class GrantSource(TableServiceClient tables, OrganisationStore organisations) : IGrantSource
{
    public const int PageSize = 50;

    private TableClient Grants => tables.GetTableClient(GrantStore.Table);

    private TableClient Index => tables.GetTableClient(GrantIndex.Table);

    public async Task<Domain.GrantFacts?> FindAsync(string fundId, string grantId, CancellationToken cancellationToken) =>
        Guid.TryParse(grantId, out _) ? (await ReadAsync(fundId, grantId, new OrganisationCache(organisations), cancellationToken))?.Facts : null;

    public async IAsyncEnumerable<GrantRecord> ListAsync(string fundId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cache = new OrganisationCache(organisations);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {GrantIndex.FundPartition(fundId)}");
        await foreach (var page in Index.QueryAsync<TableEntity>(filter, PageSize, ["RowKey"], cancellationToken).AsPages(pageSizeHint: PageSize))
        {
            var reads = page.Values.Select(row => ReadAsync(fundId, row.RowKey, cache, cancellationToken)).ToArray();
            foreach (var read in reads)
            {
                if (await read is { } grant)
                {
                    yield return grant;
                }
            }
        }
    }

    public async Task<Platform.Http.Page<GrantRecord>> PageAsync(string fundId, Platform.Http.Paging paging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paging);
        var cache = new OrganisationCache(organisations);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {GrantIndex.FundPartition(fundId)}");
        await foreach (var page in Index.QueryAsync<TableEntity>(filter, paging.Limit, ["RowKey"], cancellationToken).AsPages(paging.Cursor, paging.Limit))
        {
            var read = await Task.WhenAll(page.Values.Select(row => ReadAsync(fundId, row.RowKey, cache, cancellationToken)));
            return new Platform.Http.Page<GrantRecord>(read.OfType<GrantRecord>().ToArray(), page.ContinuationToken);
        }

        return new Platform.Http.Page<GrantRecord>([], null);
    }

    private async Task<GrantRecord?> ReadAsync(string fundId, string grantId, OrganisationCache cache, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {grantId} and RowKey ge {GrantSourceRows.From} and RowKey lt {GrantSourceRows.To}");
        var rows = new List<TableEntity>();
        await foreach (var row in Grants.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        var grant = rows.FirstOrDefault(r => r.RowKey == GrantEntity.Row);
        var organisation = grant?.GetString(nameof(GrantEntity.OrganisationId)) is { Length: > 0 } organisationId
            ? await cache.FindAsync(organisationId, cancellationToken)
            : null;
        return GrantSourceRows.Build(fundId, rows, organisation);
    }

    /// <summary>One read per organisation per listing: a fund's grants often go to the same NGOs.</summary>
    private sealed class OrganisationCache(OrganisationStore organisations)
    {
        private readonly Dictionary<string, Task<OrganisationEntity?>> found = new(StringComparer.Ordinal);

        public Task<OrganisationEntity?> FindAsync(string id, CancellationToken cancellationToken)
        {
            lock (found)
            {
                if (!found.TryGetValue(id, out var task))
                {
                    found[id] = task = organisations.FindAsync(id, cancellationToken);
                }

                return task;
            }
        }
    }
}
