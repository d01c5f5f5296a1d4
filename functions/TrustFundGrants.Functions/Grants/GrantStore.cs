using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Grants;

/// <summary>The grants table (keys on <see cref="GrantEntity"/>).</summary>
public sealed class GrantStore(TableServiceClient tables, Outbox outbox, GrantIndex index, TimeProvider time) : IGrantStore
{
    public const string Table = "grants";

    public TableClient Client => tables.GetTableClient(Table);

    public static string PaymentReferenceRow(string reference) =>
        "payref-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reference.Trim())));

    public Task<GrantFile?> ReadAsync(string grantId, CancellationToken cancellationToken) => GrantReads.ReadAsync(Client, grantId, cancellationToken);

    public async Task<bool> AddAsync(GrantEntity grant, OutboxEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var sync = outbox.Stage(grant.PartitionKey, GrantIndexMessage.Queue, new GrantIndexMessage(grant.PartitionKey));
        try
        {
            var response = await outbox.CommitAsync(
                Client,
                [new(TableTransactionActionType.Add, grant), new(TableTransactionActionType.Add, sync), new(TableTransactionActionType.Add, audit)], cancellationToken);
            grant.ETag = response.Value[0].Headers.ETag ?? default;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }

        await outbox.ReleaseAsync(Table, [sync, audit], cancellationToken);
        await index.TrySyncAsync(grant.PartitionKey, cancellationToken);
        return true;
    }

    public async Task<ETag> CommitAsync(GrantChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var grant = change.Grant;
        var changeId = Guid.NewGuid().ToString("N");
        grant.Version++;
        grant.LastChangeId = changeId;
        grant.UpdatedAt = time.GetUtcNow();
        var sync = outbox.Stage(grant.PartitionKey, GrantIndexMessage.Queue, new GrantIndexMessage(grant.PartitionKey));
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, grant, change.IfMatch) };
        actions.AddRange(change.Replace.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateReplace, r, r.ETag)));
        actions.AddRange(change.Add.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
        actions.AddRange(change.Remove.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)));
        actions.AddRange(change.Outbox.Append(sync).Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
        ETag etag;
        try
        {
            var response = await outbox.CommitAsync(Client, actions, cancellationToken);
            etag = response.Value[0].Headers.ETag ?? default;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            // The SDK may have resent a transaction whose first attempt committed (its response lost): then the grant row is ours.
            var now = await Client.GetEntityIfExistsAsync<GrantEntity>(grant.PartitionKey, GrantEntity.Row, cancellationToken: cancellationToken);
            if (!now.HasValue || now.Value?.LastChangeId != changeId)
            {
                throw new GrantChangedException(grant.PartitionKey);
            }

            etag = now.Value.ETag;
        }

        grant.ETag = etag;
        await outbox.ReleaseAsync(Table, change.Outbox.Append(sync).ToArray(), cancellationToken);

        await index.TrySyncAsync(grant.PartitionKey, cancellationToken);
        return etag;
    }

    public async Task<Platform.Http.Page<LedgerEntryEntity>> LedgerAsync(string grantId, Paging paging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paging);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {grantId} and RowKey ge {LedgerEntryEntity.Prefix} and RowKey lt {"ledger."}");
        await foreach (var page in Client.QueryAsync<LedgerEntryEntity>(filter, paging.Limit, cancellationToken: cancellationToken).AsPages(paging.Cursor, paging.Limit))
        {
            return new Platform.Http.Page<LedgerEntryEntity>(page.Values, page.ContinuationToken);
        }

        return new Platform.Http.Page<LedgerEntryEntity>([], null);
    }

    public Task<IReadOnlyList<Reports.AttachmentEntity>> AttachmentsAsync(string grantId, int report, CancellationToken cancellationToken) =>
        GrantReads.RangeAsync<Reports.AttachmentEntity>(Client, grantId, Reports.AttachmentEntity.ReportPrefix(report), cancellationToken);
}
